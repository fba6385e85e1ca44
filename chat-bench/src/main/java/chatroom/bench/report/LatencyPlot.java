package chatroom.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
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
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title)
                .xAxisTitle("percentile, in nines: 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%, 5 = 99.999%").yAxisTitle("latency (ms)").build();
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        boolean any = false;
        any |= addSeries(chart, "send → member receipt", deliveryMicros);
        any |= addSeries(chart, "send → ok", ackMicros);
        if (any) {
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    private static boolean addSeries(XYChart chart, String name, Histogram micros) {
        if (micros == null || micros.getTotalCount() == 0) {
            return false;
        }
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : micros.percentiles(5)) {
            double percentile = v.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                break;
            }
            x.add(nines(percentile));
            y.add(v.getValueIteratedTo() / 1000.0);
        }
        x.add(Math.max(x.isEmpty() ? 0 : x.get(x.size() - 1), nines(99.9999)));
        y.add(micros.getMaxValue() / 1000.0);
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        return true;
    }

    private static double nines(double percentile) {
        return Math.log10(1 / (1 - percentile / 100));
    }
}
