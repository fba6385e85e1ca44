package chatroom.bench.report;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, read from a histogram recorded in microseconds. */
public record Latency(long count, double p50, double p90, double p99, double p999, double max) {

    public static Latency of(Histogram micros) {
        return new Latency(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    @Override
    public String toString() {
        return String.format("p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (%d samples)",
                p50, p90, p99, p999, max, count);
    }
}
