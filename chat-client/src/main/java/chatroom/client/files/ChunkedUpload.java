package chatroom.client.files;

import chatroom.client.ChatClient;
import chatroom.client.files.FileTransfers.SharedFile;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.Results.FileChunkResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One upload after its {@code file_put}: reads chunks in order on the file thread and keeps
 * {@link #WINDOW} of them in flight, so a slow round trip does not slow it down, and few enough
 * that the user's own messages are not stuck behind a long queue of chunks. Its fields are touched
 * only on the file thread; replies hop back there.
 */
final class ChunkedUpload {

    /** Chunks of one upload waiting for their {@code ok} at once. */
    static final int WINDOW = 4;

    private final ChatClient client;
    private final Executor io;
    private final Path path;
    private final SharedFile file;
    private final int chunkSize;
    private final TransferProgress progress;
    private final CompletableFuture<SharedFile> done = new CompletableFuture<>();
    private FileChannel channel;
    private long nextOffset;
    private int inFlight;

    ChunkedUpload(ChatClient client, Executor io, Path path, SharedFile file, int chunkSize, TransferProgress progress) {
        this.client = client;
        this.io = io;
        this.path = path;
        this.file = file;
        this.chunkSize = chunkSize;
        this.progress = progress;
    }

    /** Completes when the server has received every byte. */
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
        while (!done.isDone() && inFlight < WINDOW && nextOffset < file.size()) {
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
        long received = FileTransfers.result(reply, FileChunkResult.class).received();
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
