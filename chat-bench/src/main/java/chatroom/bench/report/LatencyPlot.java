package chatroom.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The classic HdrHistogram percentile plot: latency (ms) against percentile, spaced by "nines"
 * (log10 of 1/(1-p)), so the tail (99%, 99.9%, 99.99%) gets as much room as the median.
 */
public final class LatencyPlot {

    private LatencyPlot() {
    }

    public static void write(Path png, String title, Histogram deliveryMicros, Histogram ackMicros)
            throws IOException {
        List<PercentileCurve> curves = new ArrayList<>();
        PercentileCurve delivery = PercentileCurve.of("send → member receipt", deliveryMicros);
        PercentileCurve ack = PercentileCurve.of("send → ok", ackMicros);
        if (delivery != null) {
            curves.add(delivery);
        }
        if (ack != null) {
            curves.add(ack);
        }
        write(png, title, curves);
    }

    /** Draws the curves on one chart; writes nothing when there are none. */
    public static void write(Path png, String title, List<PercentileCurve> curves) throws IOException {
        if (curves.isEmpty()) {
            return;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("percentile, in nines: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%, 5 = 99.999%").yAxisTitle("latency (ms)").build();
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        for (PercentileCurve curve : curves) {
            addSeries(chart, curve);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addSeries(XYChart chart, PercentileCurve curve) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        int last = curve.percentiles().size() - 1;
        for (int i = 0; i < last; i++) {
            if (curve.percentiles().get(i) >= 100.0) {
                break; // infinite nines: only the maximum below is drawn there
            }
            x.add(nines(curve.percentiles().get(i)));
            y.add(curve.millis().get(i));
        }
        // the maximum (percentile 100, infinite nines) is drawn at 99.9999 % or past the last point
        x.add(Math.max(x.isEmpty() ? 0 : x.get(x.size() - 1), nines(99.9999)));
        y.add(curve.millis().get(last));
        XYSeries series = chart.addSeries(curve.name(), x, y);
        series.setMarker(SeriesMarkers.NONE);
    }

    private static double nines(double percentile) {
        return Math.log10(1 / (1 - percentile / 100));
    }
}
