package chatroom.client.cli;

import static chatroom.client.cli.ShellContext.done;
import static chatroom.client.cli.ShellContext.required;

import chatroom.codec.message.Results.FileInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code /upload}, {@code /files}, {@code /download} (by file id, or a unique prefix of an id or a name). */
final class FileCommands implements CommandGroup {

    private final ShellContext ctx;

    FileCommands(ShellContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public CompletableFuture<Void> run(CommandSpec spec, ParsedInput in) {
        switch (spec) {
            case UPLOAD -> {
                Path path = Path.of(required(in, 0));
                String room = in.word(1).map(RoomCommands::stripHash).orElseGet(ctx::requireCurrentRoom);
                if (!Files.isRegularFile(path)) {
                    ctx.view.error("no_such_file", path + " is not a file");
                    return done();
                }
                String label = "upload " + path.getFileName();
                return ctx.handle(ctx.client.files().upload(room, path, (done, total) -> ctx.view.progress(label, done, total))
                        .whenComplete((ok, error) -> ctx.view.progressDone()), ok -> {
                    ctx.files.add(ok.fileId(), ok.name());
                    ctx.view.result(ok);
                    ctx.view.system("shared " + ok.name() + " (" + ProgressBar.bytes(ok.size()) + ") in " + room
                            + " as " + ok.fileId());
                });
            }
            case FILES_LIST -> {
                String room = in.word(0).map(RoomCommands::stripHash).orElseGet(ctx::requireCurrentRoom);
                return ctx.handle(ctx.client.files().list(room), ok -> {
                    ctx.view.result(ok);
                    if (ok.files().isEmpty()) {
                        ctx.view.system("no files in " + room);
                    }
                    for (FileInfo f : ok.files()) {
                        ctx.files.add(f.fileId(), f.name());
                        ctx.view.system(f.fileId() + "  " + f.name() + "  " + ProgressBar.bytes(f.size()) + "  from "
                                + f.from());
                    }
                });
            }
            case DOWNLOAD -> {
                String wanted = required(in, 0);
                Path target = Path.of(in.restFrom(1).isEmpty() ? "." : in.restFrom(1));
                return resolve(wanted).thenCompose(ids -> {
                    if (ids.size() != 1) {
                        ctx.view.error("no_such_file", ids.isEmpty() ? "no shared file is called " + wanted
                                : wanted + " could be " + String.join(", ", ids.stream().map(this::describe).toList()));
                        return done();
                    }
                    return download(ids.get(0), target);
                });
            }
            default -> throw new IllegalArgumentException(spec.name());
        }
    }

    /** The ids {@code wanted} may mean; when the shell knows none, it first lists the files of the joined rooms. */
    private CompletableFuture<List<String>> resolve(String wanted) {
        List<String> known = ctx.files.matches(wanted);
        if (!known.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<?>[] lists = ctx.client.joinedRooms().stream().map(room -> ctx.client.files().list(room)
                .thenAccept(ok -> ok.files().forEach(f -> ctx.files.add(f.fileId(), f.name())))
                .exceptionally(error -> null)).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(lists).thenApply(all -> {
            List<String> found = ctx.files.matches(wanted);
            // an id the shell has never seen may still be valid: let the server judge it
            return found.isEmpty() ? List.of(wanted) : found;
        });
    }

    private String describe(String fileId) {
        return fileId + " (" + ctx.files.name(fileId) + ")";
    }

    private CompletableFuture<Void> download(String fileId, Path target) {
        String label = "download " + ctx.files.name(fileId);
        return ctx.handle(ctx.client.files().download(fileId, target, (done, total) -> ctx.view.progress(label, done, total))
                .whenComplete((ok, error) -> ctx.view.progressDone()), ok -> {
            ctx.view.result(Map.of("file_id", fileId, "path", ok.toString()));
            ctx.view.system("saved " + ok);
        });
    }
}
