package chatroom.bench.report;

import java.io.PrintStream;
import java.util.Map;

/** The human-readable summary printed after a run. */
public final class Summary {

    private Summary() {
    }

    public static void print(PrintStream out, BenchResult r) {
        out.println();
        out.println("== " + r.scenario() + (r.label().isEmpty() ? "" : " (" + r.label() + ")") + " ==");
        out.println("machine:    " + r.machine());
        out.println("parameters: " + r.parameters());
        for (Map.Entry<String, Object> figure : r.figures().entrySet()) {
            Object value = figure.getValue();
            String text = value instanceof Double d ? String.format("%,.1f", d)
                    : value instanceof Long || value instanceof Integer ? String.format("%,d", value) : String.valueOf(value);
            out.printf("%-26s %s%n", figure.getKey() + ":", text);
        }
        if (r.deliveryLatency() != null && r.deliveryLatency().count() > 0) {
            out.println("send -> member receipt:    " + r.deliveryLatency());
        }
        if (r.ackLatency() != null && r.ackLatency().count() > 0) {
            out.println("send -> ok:                " + r.ackLatency());
        }
        out.println("errors:                    " + (r.errors().isEmpty() ? "none" : r.errors()));
    }
}
