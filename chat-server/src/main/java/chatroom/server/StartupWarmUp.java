package chatroom.server;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.ErrorReply;
import chatroom.codec.message.Message;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results.LoginResult;
import chatroom.codec.message.Welcome;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server's JSON codec and runs a first client's requests and replies through it on a
 * thread of its own, while start-up opens the store and binds the ports on the main thread: the
 * first client would otherwise wait for Jackson to load and introspect the message types and for
 * the pooled allocator to make its first chunk (Argon2id is the hashing pool's own warm-up,
 * {@code PasswordHasher.warmUp}). On this 2-core box the first answered login came 0.5 s after
 * "listening" (docs/benchmarks.md, round seven).
 */
final class StartupWarmUp {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);
    private static final List<String> FIRST_REQUESTS = List.of(
            "{\"type\":\"login\",\"id\":1,\"user\":\"warm-up\",\"password\":\"warm-up password\"}",
            "{\"type\":\"register\",\"id\":2,\"user\":\"warm-up\",\"password\":\"warm-up password\",\"login\":true}",
            "{\"type\":\"ping\",\"id\":3}");

    private StartupWarmUp() {
    }

    /** Starts the warm-up; the codec is ready when the future is (it never fails for the warm-up's sake). */
    static CompletableFuture<JsonCodec> codec(int maxFrame) {
        CompletableFuture<JsonCodec> codec = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                JsonCodec built = new JsonCodec(CodecLimits.ofMaxFrame(maxFrame), MessageTypes.CLIENT_TO_SERVER);
                exercise(built, maxFrame);
                codec.complete(built);
            } catch (Throwable e) {
                codec.completeExceptionally(e);
            }
        }, "chat-warm-up");
        thread.setDaemon(true);
        thread.start();
        return codec;
    }

    /** Runs a first client's requests and replies through the codec; false when one failed (logged). */
    static boolean exercise(JsonCodec codec, int maxFrame) {
        try {
            for (String request : FIRST_REQUESTS) {
                codec.decode(request);
            }
            List<Message> replies = List.of(new Welcome(Welcome.PROTOCOL_VERSION, "warm-up", maxFrame, 30, 90),
                    new Ok(1, new LoginResult("warm-up", "token", List.of())),
                    new ErrorReply(2, "busy", "warm-up", 100L));
            for (Message reply : replies) {
                codec.encode(reply, ByteBufAllocator.DEFAULT).release();
            }
            return true;
        } catch (RuntimeException e) {
            log.debug("start-up warm-up: {}", e.toString()); // only the first client's wait is at stake
            return false;
        }
    }
}
