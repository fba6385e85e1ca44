package chatroom.bench.jmh;

import chatroom.codec.CodecLimits;
import chatroom.codec.JsonCodec;
import chatroom.codec.MessageTypes;
import chatroom.codec.message.ChatMessage;
import chatroom.codec.message.Ok;
import chatroom.codec.message.Results;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's hot paths: decoding a client's {@code send} (the server does it once per message)
 * and encoding the {@code message} event (once per message, whatever the room's size).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {

    @Param({"ascii", "cjk"})
    public String text;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private JsonCodec serverCodec;
    private ByteBuf sendBody;
    private ChatMessage event;
    private Ok sendOk;

    @Setup
    public void setUp() {
        serverCodec = new JsonCodec(CodecLimits.DEFAULT, MessageTypes.CLIENT_TO_SERVER);
        String body = "ascii".equals(text) ? "hello everyone, the build is green again after the flaky test fix"
                : "大家好，构建又通过了，修好了那个不稳定的测试。今天晚上一起吃饭吗？";
        sendBody = Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(
                "{\"type\":\"send\",\"id\":42,\"room\":\"lobby\",\"text\":\"" + body + "\",\"cid\":\"c-000042\"}",
                StandardCharsets.UTF_8));
        event = ChatMessage.inRoom("lobby", 123_456, 1_795_000_000_000L, "alice", body, "c-000042");
        sendOk = new Ok(42L, new Results.SendResult("lobby", null, 123_456, 1_795_000_000_000L));
    }

    @TearDown
    public void tearDown() {
        // sendBody is unreleasable: nothing to free
    }

    @Benchmark
    public Object decodeSend() {
        return serverCodec.decode(sendBody.duplicate());
    }

    @Benchmark
    public int encodeMessageEvent() {
        ByteBuf buf = serverCodec.encode(event, alloc);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }

    /** The reply to every send: a pipelining sender gets one per message. */
    @Benchmark
    public int encodeSendOk() {
        ByteBuf buf = serverCodec.encode(sendOk, alloc);
        int size = buf.readableBytes();
        buf.release();
        return size;
    }
}
