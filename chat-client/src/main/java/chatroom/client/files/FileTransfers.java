package chatroom.client.files;

import chatroom.client.ChatClient;
import chatroom.client.ChatException;
import chatroom.client.ChatListener;
import chatroom.client.ConnectionState;
import chatroom.codec.ChatJson;
import chatroom.codec.message.Event;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FileData;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.FileChunkResult;
import chatroom.codec.message.Results.FileGetResult;
import chatroom.codec.message.Results.FilePutResult;
import chatroom.codec.message.Results.FilesResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Uploads and downloads of room files for one {@link ChatClient}. Disk work runs on one thread of
 * its own, never on the client's event loop. An upload keeps a few chunks in flight, so a slow
 * round trip does not slow it down, and few enough that the user's own messages are not stuck
 * behind a long queue of chunks. A download writes to {@code FILE.part}; if it is cut off (the
 * connection drops), downloading the same file to the same place again continues from there.
 */
public final class FileTransfers implements ChatListener, AutoCloseable {

    /** Chunks of one upload waiting for their {@code ok} at once. */
    static final int UPLOAD_WINDOW = 4;

    /** A file as shared in a room. */
    public record SharedFile(String fileId, String name, long size, String sha256) {
    }

    private final ChatClient client;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chat-file-io");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Download> downloads = new ConcurrentHashMap<>();

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
        return CompletableFuture.supplyAsync(() -> sha256Of(path), io).thenCompose(sha256 -> {
            long size = sizeOf(path);
            String name = path.getFileName().toString();
            return client.request(id -> new FilePut(id, room, name, size, sha256)).thenCompose(reply -> {
                FilePutResult put = result(reply, FilePutResult.class);
                SharedFile file = new SharedFile(put.fileId(), name, size, sha256);
                if (size == 0) {
                    progress.update(0, 0);
                    return CompletableFuture.completedFuture(file);
                }
                return new Upload(path, file, put.chunkSize(), progress).start();
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
        Download download = new Download(fileId, target, part, offset, progress);
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
        return download.done;
    }

    @Override
    public void onEvent(Event event) {
        if (event instanceof FileData data) {
            Download download = downloads.get(data.fileId());
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

    private static <T> T result(Object reply, Class<T> type) {
        return ChatJson.convert(((Ok) reply).result(), type);
    }

    /** One upload: reads chunks in order on the io thread and keeps {@link #UPLOAD_WINDOW} of them in flight. */
    private final class Upload {
        private final Path path;
        private final SharedFile file;
        private final int chunkSize;
        private final TransferProgress progress;
        private final CompletableFuture<SharedFile> done = new CompletableFuture<>();
        private FileChannel channel;
        private long nextOffset;
        private int inFlight;

        Upload(Path path, SharedFile file, int chunkSize, TransferProgress progress) {
            this.path = path;
            this.file = file;
            this.chunkSize = chunkSize;
            this.progress = progress;
        }

        CompletableFuture<SharedFile> start() {
            io.execute(() -> {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                    fill();
                } catch (IOException | RuntimeException e) {
                    fail(e);
                }
            });
            return done;
        }

        private void fill() throws IOException {
            while (!done.isDone() && inFlight < UPLOAD_WINDOW && nextOffset < file.size()) {
                int length = (int) Math.min(chunkSize, file.size() - nextOffset);
                ByteBuffer buffer = ByteBuffer.allocate(length);
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, nextOffset + buffer.position()) < 0) {
                        throw new IOException(path + " became shorter while uploading");
                    }
                }
                long offset = nextOffset;
                String data = Base64.getEncoder().encodeToString(buffer.array());
                nextOffset += length;
                inFlight++;
                client.request(id -> new FileChunk(id, file.fileId(), offset, data)).whenComplete((reply, error) ->
                        io.execute(() -> acked(reply, error)));
            }
        }

        private void acked(Object reply, Throwable error) {
            inFlight--;
            if (error != null) {
                fail(error);
                return;
            }
            long received = result(reply, FileChunkResult.class).received();
            progress.update(received, file.size());
            if (received == file.size()) {
                close();
                done.complete(file);
                return;
            }
            try {
                fill();
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        private void fail(Throwable error) {
            close();
            done.completeExceptionally(error);
        }

        private void close() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // read-only
            }
        }
    }

    /**
     * One download: its events are written in order to the {@code .part} file. Threading: its
     * fields are touched only on the file thread ({@code chat-file-io}); other threads hand work
     * over with {@link #onFileThread} and {@link #failLater}.
     */
    private final class Download {
        private final String fileId;
        private final Path target;
        private final Path part;
        private final TransferProgress progress;
        private final CompletableFuture<Path> done = new CompletableFuture<>();
        private long offset;
        private FileGetResult meta;
        private FileChannel channel;

        Download(String fileId, Path target, Path part, long offset, TransferProgress progress) {
            this.fileId = fileId;
            this.target = target;
            this.part = part;
            this.offset = offset;
            this.progress = progress;
        }

        /** Runs a step of this download on the file thread; when that thread is gone (closed), the download fails. */
        void onFileThread(Runnable step) {
            try {
                io.execute(step);
            } catch (RejectedExecutionException closed) {
                downloads.remove(fileId, this);
                done.completeExceptionally(new ChatException(ChatException.CLOSED, "the client is closed"));
            }
        }

        /** Fails the download from any thread, after the steps already handed to the file thread. */
        void failLater(Throwable error) {
            onFileThread(() -> fail(error));
        }

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
            downloads.remove(fileId, this);
            if (!sha256Of(part).equals(meta.sha256())) {
                Files.deleteIfExists(part);
                throw new ChatException("bad_checksum", "the downloaded bytes do not match the file's SHA-256; "
                        + "the partial file was removed, download again");
            }
            Path destination = unused(SafeFileNames.destination(target, meta.name(), fileId), target);
            Files.move(part, destination, StandardCopyOption.REPLACE_EXISTING);
            done.complete(destination);
        }

        void fail(Throwable error) {
            downloads.remove(fileId, this);
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // the .part stays for a later resume
            }
            done.completeExceptionally(error);
        }
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

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256Of(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
