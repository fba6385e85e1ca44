package chatroom.bench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of one scenario, as written to the JSON file and one CSV row.
 *
 * @param parameters what the run was asked to do (clients, senders, rate...)
 * @param figures what it measured besides latency (rates, counts, memory...)
 * @param deliveryLatency send to receipt of a message by a member, or null
 * @param ackLatency send to its {@code ok}, or null
 * @param errors error codes and unexpected closes with their counts
 */
public record BenchResult(String scenario, String label, String startedAt, String command, Machine machine,
                          Map<String, Object> parameters, Map<String, Object> figures, Latency deliveryLatency,
                          Latency ackLatency, Map<String, Long> errors) {

    public BenchResult {
        parameters = new LinkedHashMap<>(parameters);
        figures = new LinkedHashMap<>(figures);
    }

    /** A figure as a number, or 0 when absent. */
    public double figure(String name) {
        return figures.get(name) instanceof Number n ? n.doubleValue() : 0;
    }
}
