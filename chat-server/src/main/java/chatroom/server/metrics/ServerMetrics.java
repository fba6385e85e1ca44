package chatroom.server.metrics;

import chatroom.codec.message.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * The server's meters, one registry per server. Hot paths call the methods here; each is a field
 * or array access and an atomic add, with no allocation (a tagged counter is registered once, on
 * first use, and kept).
 */
public final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter messagesIn;
    private final Counter messagesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter rateLimited;
    private final Counter slowConsumers;
    private final Counter heldBack;
    private final Counter gapFilled;
    private final Timer commitLatency;
    /** By error code ordinal, registered on first use so that only codes that occurred are exposed. */
    private final AtomicReferenceArray<Counter> rejectedFrames = new AtomicReferenceArray<>(ErrorCode.values().length);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    public ServerMetrics() {
        messagesIn = Counter.builder("chat.messages.in").description("Messages stored (room and direct)")
                .register(registry);
        messagesOut = Counter.builder("chat.messages.out").description("Messages queued to sessions")
                .register(registry);
        bytesIn = Counter.builder("chat.bytes.in").baseUnit("bytes").description("Bytes read from clients")
                .register(registry);
        bytesOut = Counter.builder("chat.bytes.out").baseUnit("bytes").description("Bytes written to clients")
                .register(registry);
        rateLimited = Counter.builder("chat.requests.rate.limited").description("Sends refused with rate_limited")
                .register(registry);
        slowConsumers = Counter.builder("chat.slow.consumer.disconnects")
                .description("Connections closed because they did not read").register(registry);
        heldBack = Counter.builder("chat.cluster.held").description("Messages that arrived ahead of a gap and "
                + "waited for it (several nodes)").register(registry);
        gapFilled = Counter.builder("chat.cluster.gap.filled").description("Messages read from the store to close "
                + "a gap that live delivery left (several nodes)").register(registry);
        commitLatency = Timer.builder("chat.store.commit").description("Store transactions, write to durable commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
            ByteBufAllocatorMetric metric = provider.metric();
            Gauge.builder("netty.allocator.memory.used", metric, ByteBufAllocatorMetric::usedDirectMemory)
                    .tag("type", "direct").baseUnit("bytes").register(registry);
            Gauge.builder("netty.allocator.memory.used", metric, ByteBufAllocatorMetric::usedHeapMemory)
                    .tag("type", "heap").baseUnit("bytes").register(registry);
        }
        Gauge.builder("netty.direct.memory.used", PlatformDependent::usedDirectMemory).baseUnit("bytes")
                .description("Direct memory Netty counts itself (-1 when it does not)").register(registry);
    }

    /** Registers a gauge read at each scrape (connections, sessions, rooms). */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void messageStored() {
        messagesIn.increment();
    }

    public void messagesQueued(int count) {
        messagesOut.increment(count);
    }

    public void bytesRead(int bytes) {
        bytesIn.increment(bytes);
    }

    public void bytesWritten(int bytes) {
        bytesOut.increment(bytes);
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    public void messageHeldBack() {
        heldBack.increment();
    }

    public void gapFilled(int messages) {
        gapFilled.increment(messages);
    }

    public void slowConsumerDisconnected() {
        slowConsumers.increment();
    }

    public void committed(long nanos) {
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A frame refused before it became a request, counted under its error code. */
    public void frameRejected(ErrorCode reason) {
        Counter counter = rejectedFrames.get(reason.ordinal());
        if (counter == null) {
            // registering is idempotent, so two threads racing here end up with the same counter
            counter = Counter.builder("chat.frames.rejected").tag("reason", reason.wireName())
                    .description("Frames answered with an error instead of running").register(registry);
            rejectedFrames.set(reason.ordinal(), counter);
        }
        counter.increment();
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }
}
