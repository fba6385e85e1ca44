package chatroom.client.files;

import chatroom.client.ChatException;
import chatroom.codec.message.FileData;
import chatroom.codec.message.Results.FileGetResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * One download: its {@code file_data} events are written in order to the {@code .part} file,
 * which is checked against the file's SHA-256 and moved into place at the end; cut off, the
 * {@code .part} stays for a later download to continue. Threading: its fields are touched only on
 * the file thread ({@code chat-file-io}); other threads hand work over with {@link #onFileThread}
 * and {@link #failLater}.
 */
final class ResumableDownload {

    private final String fileId;
    private final Path target;
    private final Path part;
    private final TransferProgress progress;
    private final Executor io;
    private final Consumer<ResumableDownload> ended;
    private final CompletableFuture<Path> done = new CompletableFuture<>();
    private long offset;
    private FileGetResult meta;
    private FileChannel channel;

    /** @param ended told (on any thread) when this download has ended, either way */
    ResumableDownload(String fileId, Path target, Path part, long offset, TransferProgress progress, Executor io,
            Consumer<ResumableDownload> ended) {
        this.fileId = fileId;
        this.target = target;
        this.part = part;
        this.offset = offset;
        this.progress = progress;
        this.io = io;
        this.ended = ended;
    }

    String fileId() {
        return fileId;
    }

    /** Completes with where the file was saved. */
    CompletableFuture<Path> done() {
        return done;
    }

    /** Runs a step of this download on the file thread; when that thread is gone (closed), the download fails. */
    void onFileThread(Runnable step) {
        try {
            io.execute(step);
        } catch (RejectedExecutionException closed) {
            ended.accept(this);
            done.completeExceptionally(new ChatException(ChatException.CLOSED, "the client is closed"));
        }
    }

    /** Fails the download from any thread, after the steps already handed to the file thread. */
    void failLater(Throwable error) {
        onFileThread(() -> fail(error));
    }

    /** The server's {@code ok} to {@code file_get}: the file's size, name and hash. */
    void started(FileGetResult meta) {
        if (done.isDone()) {
            return; // failed while this start waited: opening the .part now would leave it open
        }
        try {
            this.meta = meta;
            channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            progress.update(offset, meta.size());
        } catch (IOException e) {
            fail(e);
        }
    }

    void received(FileData data) {
        if (done.isDone() || channel == null) {
            return;
        }
        try {
            if (data.offset() != offset) {
                throw new IOException("expected data at " + offset + ", got " + data.offset());
            }
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(data.data()));
            while (bytes.hasRemaining()) {
                offset += channel.write(bytes, offset);
            }
            progress.update(offset, meta.size());
            if (data.last()) {
                finish();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void finish() throws IOException {
        channel.force(true);
        channel.close();
        ended.accept(this);
        if (!Sha256.of(part).equals(meta.sha256())) {
            Files.deleteIfExists(part);
            throw new ChatException("bad_checksum", "the downloaded bytes do not match the file's SHA-256; "
                    + "the partial file was removed, download again");
        }
        Path destination = unused(SafeFileNames.destination(target, meta.name(), fileId), target);
        Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
        done.complete(destination);
    }

    private void fail(Throwable error) {
        ended.accept(this);
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // the .part stays for a later resume
        }
        done.completeExceptionally(error);
    }

    /** Into a directory, never over an existing file: {@code name (2).ext} and so on. */
    private static Path unused(Path destination, Path target) {
        if (!Files.isDirectory(target) || !Files.exists(destination)) {
            return destination;
        }
        String name = destination.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; ; n++) {
            Path candidate = destination.resolveSibling(stem + " (" + n + ")" + ext);
            if (!Files.exists(candidate)) {
                return candidate;
            }
        }
    }
}
