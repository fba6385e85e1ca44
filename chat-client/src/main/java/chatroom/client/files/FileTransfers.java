package chatroom.client.files;

import chatroom.client.ChatClient;
import chatroom.client.ChatException;
import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.ChatJson;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileData;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.FileGetResult;
import chatroom.codec.message.Results.FilePutResult;
import chatroom.codec.message.Results.FilesResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Uploads and downloads of room files for one {@link ChatClient}. Disk work runs on one thread of
 * its own, never on the client's event loop. An upload keeps a few chunks in flight
 * ({@link ChunkedUpload}). A download writes to {@code FILE.part}; if it is cut off (the
 * connection drops), downloading the same file to the same place again continues from there
 * ({@link ResumableDownload}).
 */
public final class FileTransfers implements ChatListener, AutoCloseable {

    /** A file as shared in a room. */
    public record SharedFile(String fileId, String name, long size, String sha256) {
    }

    private final ChatClient client;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chat-file-io");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ResumableDownload> downloads = new ConcurrentHashMap<>();

    public FileTransfers(ChatClient client) {
        this.client = client;
        client.addListener(this);
    }

    /** The files shared in a room. */
    public CompletableFuture<FilesResult> list(String room) {
        return client.request(id -> new ListFiles(id, room)).thenApply(reply -> result(reply, FilesResult.class));
    }

    /** Shares a local file in a room; completes when the server has it, verified. */
    public CompletableFuture<SharedFile> upload(String room, Path path, TransferProgress progress) {
        return CompletableFuture.supplyAsync(() -> Sha256.of(path), io).thenCompose(sha256 -> {
            long size = sizeOf(path);
            String name = path.getFileName().toString();
            return client.request(id -> new FilePut(id, room, name, size, sha256)).thenCompose(reply -> {
                FilePutResult put = result(reply, FilePutResult.class);
                SharedFile file = new SharedFile(put.fileId(), name, size, sha256);
                if (size == 0) {
                    progress.update(0, 0);
                    return CompletableFuture.completedFuture(file);
                }
                return new ChunkedUpload(client, io, path, file, put.chunkSize(), progress).start();
            });
        });
    }

    /**
     * Downloads a file to {@code target}: a file path, or an existing directory (the file keeps its
     * name there, made safe). Resumes from a {@code .part} left by an earlier attempt.
     */
    public CompletableFuture<Path> download(String fileId, Path target, TransferProgress progress) {
        Path part = Files.isDirectory(target) ? target.resolve(fileId + ".part") : Path.of(target + ".part");
        long offset;
        try {
            offset = Files.exists(part) ? Files.size(part) : 0;
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        ResumableDownload download = new ResumableDownload(fileId, target, part, offset, progress, io,
                ended -> downloads.remove(ended.fileId(), ended));
        if (downloads.putIfAbsent(fileId, download) != null) {
            return CompletableFuture.failedFuture(new ChatException("busy", "already downloading " + fileId));
        }
        client.request(id -> new FileGet(id, fileId, offset)).whenComplete((reply, error) -> {
            if (error != null) {
                download.failLater(error);
            } else {
                FileGetResult meta = result(reply, FileGetResult.class);
                download.onFileThread(() -> download.started(meta));
            }
        });
        return download.done();
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof FileData data) {
            ResumableDownload download = downloads.get(data.fileId());
            if (download != null) {
                download.onFileThread(() -> download.received(data));
            }
        }
    }

    @Override
    public void onStateChange(ConnectionState state, String detail) {
        if (state == ConnectionState.RECONNECTING || state == ConnectionState.CLOSED) {
            downloads.values().forEach(d -> d.failLater(new ChatException("connection_lost",
                    "the connection dropped; download again to continue where it stopped")));
        }
    }

    @Override
    public void close() {
        io.shutdownNow();
    }

    /** The typed result of an {@code ok} reply. */
    static <T> T result(Object reply, Class<T> type) {
        return ChatJson.convert(((Ok) reply).result(), type);
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
