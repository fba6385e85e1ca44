package chatroom.server.command;

import chatroom.codec.message.ErrorCode;
import chatroom.codec.message.FileChunk;
import chatroom.codec.message.FileGet;
import chatroom.codec.message.FilePut;
import chatroom.server.cluster.ClusterEvent;
import chatroom.codec.message.ListFiles;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Reply;
import chatroom.codec.message.Results.FileChunkResult;
import chatroom.codec.message.Results.FileGetResult;
import chatroom.codec.message.Results.FileInfo;
import chatroom.codec.message.Results.FilePutResult;
import chatroom.codec.message.Results.FilesResult;
import chatroom.server.files.FileDownload;
import chatroom.server.files.FileLimits;
import chatroom.server.files.FileNames;
import chatroom.server.files.FileQuota;
import chatroom.server.files.QuotaExceededException;
import chatroom.server.files.SharedUploadReservations;
import chatroom.server.files.FileStore;
import chatroom.server.files.Upload;
import chatroom.server.room.Room;
import chatroom.server.session.Session;
import chatroom.server.store.FileIndex;
import chatroom.server.store.FileRecord;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code file_put}, {@code file_chunk}, {@code files} and {@code file_get}. An upload belongs to
 * the connection that started it (a reconnect starts it again); its chunks must come in order and
 * add up to the announced size and SHA-256 before anyone sees the file. {@code file_put} reserves
 * the file's size against the file quotas ({@link FileQuota}) before anything is written.
 */
public final class FileCommands {

    /** Longest display name of a file, in characters. */
    public static final int MAX_NAME_LENGTH = 255;
    /** JSON around a chunk's base64 data ({@code type}, {@code id}, {@code file_id}, {@code offset}). */
    private static final int CHUNK_FRAME_OVERHEAD = 256;
    private static final AttributeKey<Map<String, Upload>> UPLOADS = AttributeKey.valueOf(FileCommands.class, "uploads");

    private final ServerContext context;
    private final FileIndex fileIndex;
    private final FileStore files;
    private final FileLimits limits;
    private final FileQuota quota;
    private final SharedUploadReservations clusterReservations;
    private final int chunkSize;
    private final SecureRandom random = new SecureRandom();

    public FileCommands(ServerContext context) {
        this.context = context;
        this.fileIndex = context.store();
        this.files = context.files();
        this.limits = context.config().fileLimits();
        this.quota = new FileQuota(context.config().fileQuotas());
        this.clusterReservations = new SharedUploadReservations(context.events().cluster().counters(),
                context.config().fileQuotas());
        this.chunkSize = chunkSize(context.config().maxFrame());
    }

    /** The most decoded bytes per chunk such that a chunk's frame stays within {@code max_frame}. */
    static int chunkSize(int maxFrame) {
        int bytes = Math.max(1, (maxFrame - CHUNK_FRAME_OVERHEAD) / 4 * 3);
        return bytes >= 2048 ? bytes / 1024 * 1024 : bytes;
    }

    public CompletionStage<Reply> put(Session session, FilePut request) {
        Room room = Checks.memberRoom(context, session, request.room());
        String name = Checks.required(request.name(), "name");
        int nameLength = Checks.length(name);
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH || !FileNames.showsAsWritten(name)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "a file name has 1 to " + MAX_NAME_LENGTH
                    + " characters and no control, format (bidi, zero-width) or line-separator characters");
        }
        if (request.size() == null || request.size() < 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'size' is the file's length in bytes");
        }
        if (request.size() > limits.maxBytes()) {
            throw new RequestException(ErrorCode.TOO_LARGE, "files may have at most " + limits.maxBytes() + " bytes");
        }
        String sha256 = Checks.required(request.sha256(), "sha256").toLowerCase(Locale.ROOT);
        if (!FileStore.isSha256(sha256)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'sha256' is 64 hexadecimal digits");
        }
        if (!limits.allows(name)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "files of type '" + FileLimits.extension(name)
                    + "' may not be shared here; allowed: " + String.join(", ", limits.allowedTypes()));
        }
        Map<String, Upload> uploads = uploadsOf(session.channel());
        if (uploads.size() >= limits.maxUploadsPerConnection()) {
            throw new RequestException(ErrorCode.BAD_REQUEST,
                    "at most " + limits.maxUploadsPerConnection() + " uploads at once per connection");
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String fileId = HexFormat.of().formatHex(id);
        return reserve(session, request.size()).thenCompose(reservation ->
                files.begin(fileId, room.name(), name, request.size(), sha256, reservation)
                        .whenComplete((upload, error) -> {
                            if (error != null) {
                                reservation.release();
                            }
                        })).thenCompose(upload -> {
            uploads.put(fileId, upload);
            if (!session.channel().isActive()) {
                abandon(session.channel(), upload);
            }
            Reply ok = new Ok(request.id(), new FilePutResult(fileId, chunkSize));
            return upload.size() == 0 ? complete(session, upload).thenApply(v -> ok) : CompletableFuture.completedFuture(ok);
        });
    }

    public CompletionStage<Reply> chunk(Session session, FileChunk request) {
        String fileId = Checks.required(request.fileId(), "file_id");
        Upload upload = uploadsOf(session.channel()).get(fileId);
        if (upload == null) {
            throw new RequestException(ErrorCode.NO_SUCH_FILE, "no upload '" + fileId + "' in progress on this connection");
        }
        if (request.offset() == null || request.offset() != upload.received()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "the next chunk starts at offset " + upload.received());
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(Checks.required(request.data(), "data"));
        } catch (IllegalArgumentException e) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "'data' is not base64");
        }
        if (data.length == 0 || data.length > chunkSize) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "a chunk has 1 to " + chunkSize + " bytes");
        }
        if (upload.received() + data.length > upload.size()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "more bytes than the announced size " + upload.size());
        }
        return files.write(upload, data)
                .whenComplete((received, error) -> {
                    if (error != null) {
                        abandon(session.channel(), upload);
                    }
                })
                .thenCompose(received -> {
                    Reply ok = new Ok(request.id(), new FileChunkResult(received));
                    return received < upload.size() ? CompletableFuture.completedFuture(ok)
                            : complete(session, upload).thenApply(v -> ok);
                });
    }

    /**
     * Holds {@code size} bytes of the uploader's and the server's file quotas, or fails with
     * {@code quota_exceeded}. The stored bytes and the free disk are read off the event loop.
     */
    private CompletableFuture<FileQuota.Reservation> reserve(Session session, long size) {
        FileQuota.Ticket ticket = quota.ticket();
        String user = session.user();
        return fileIndex.fileBytes(user).thenCombine(files.usableSpace(), (stored, usable) -> {
            FileQuota.Reservation reservation;
            try {
                reservation = quota.reserve(ticket, user, size, stored.ofUploader(), stored.total(), usable);
            } catch (QuotaExceededException e) {
                throw new RequestException(ErrorCode.QUOTA_EXCEEDED, e.getMessage());
            }
            // uploads in progress on the other nodes of a cluster count too
            return clusterReservations.share(session.userKey(), reservation, stored.ofUploader())
                    .thenApply(allowed -> {
                        if (!allowed) {
                            throw new RequestException(ErrorCode.QUOTA_EXCEEDED, "this file would pass your quota "
                                    + "for files, with your uploads in progress on the other servers");
                        }
                        return reservation;
                    });
        }).thenCompose(reserved -> reserved).whenComplete((reservation, error) -> {
            if (error != null) {
                ticket.cancel();
            }
        });
    }

    /** Verifies and stores a fully received upload, then tells the room; its reservation ends either way. */
    private CompletableFuture<Void> complete(Session session, Upload upload) {
        uploadsOf(session.channel()).remove(upload.fileId());
        return files.finish(upload).thenCompose(matches -> {
            if (!matches) {
                throw new RequestException(ErrorCode.BAD_CHECKSUM,
                        "the bytes received do not have the announced SHA-256; nothing was kept");
            }
            FileRecord record = new FileRecord(upload.fileId(), upload.room(), upload.name(), upload.size(),
                    upload.sha256(), session.user(), context.now());
            return fileIndex.addFile(record).thenRun(() -> {
                Room room = context.rooms().find(record.room());
                if (room != null) {
                    context.events().publish(new ClusterEvent.FileAdded(room.name(), record.fileId(), record.name(),
                            record.size(), record.from(), record.ts()));
                }
            });
        }).whenComplete((done, error) -> {
            if (error == null) {
                upload.reservation().stored();
            } else {
                upload.reservation().release();
            }
        });
    }

    public CompletionStage<Reply> list(Session session, ListFiles request) {
        Room room = Checks.memberRoom(context, session, request.room());
        return fileIndex.files(room.name()).thenApply(found -> new Ok(request.id(), new FilesResult(
                found.stream().map(f -> new FileInfo(f.fileId(), f.name(), f.size(), f.from(), f.ts())).toList())));
    }

    public CompletionStage<Reply> get(Session session, FileGet request) {
        String fileId = Checks.required(request.fileId(), "file_id");
        Checks.notNegative(request.offset(), "offset");
        long offset = request.offset() == null ? 0 : request.offset();
        return fileIndex.file(fileId).thenCompose(found -> {
            FileRecord file = found.orElseThrow(() -> new RequestException(ErrorCode.NO_SUCH_FILE,
                    "no file '" + fileId + "'"));
            if (offset > file.size()) {
                throw new RequestException(ErrorCode.BAD_REQUEST, "'offset' is past the end (" + file.size() + " bytes)");
            }
            CompletableFuture<Reply> replied = new CompletableFuture<>();
            session.eventLoop().execute(() -> {
                try {
                    Checks.memberRoom(context, session, file.room());
                } catch (RequestException e) {
                    replied.completeExceptionally(e);
                    return;
                }
                // the ok goes first, then the data: queued here, in order, before the next request runs
                session.send(new Ok(request.id(), new FileGetResult(file.fileId(), file.name(), file.size(),
                        file.sha256())));
                replied.complete(null);
                new FileDownload(session, files, file, offset, chunkSize).start();
            });
            return replied;
        });
    }

    private Map<String, Upload> uploadsOf(Channel channel) {
        Map<String, Upload> uploads = channel.attr(UPLOADS).get();
        if (uploads == null) {
            Map<String, Upload> created = new ConcurrentHashMap<>();
            uploads = channel.attr(UPLOADS).setIfAbsent(created);
            if (uploads == null) {
                uploads = created;
                // a connection that goes away leaves no half-written files behind
                channel.closeFuture().addListener(f -> created.values().forEach(files::abandon));
            }
        }
        return uploads;
    }

    private void abandon(Channel channel, Upload upload) {
        uploadsOf(channel).remove(upload.fileId());
        files.abandon(upload);
    }
}
