package netsim.report.plot;

import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.Range;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jspecify.annotations.Nullable;

/**
 * Points (and lines) with a vertical error bar from each item's start to its end y value, drawn
 * under the points, with caps. A point that is a gap (NaN) or whose interval is empty (no spread
 * known) gets no bar; the y axis fits the bars. (JFreeChart's own XYErrorRenderer draws a cap for
 * an empty interval and a bar at a gap.)
 */
final class ErrorBarRenderer extends XYLineAndShapeRenderer {
  private static final long serialVersionUID = 1L;

  /** The width of a cap, in pixels. */
  private static final double CAP = 6;

  ErrorBarRenderer(boolean lines, boolean shapes) {
    super(lines, shapes);
  }

  @Override
  public void drawItem(
      Graphics2D g2,
      XYItemRendererState state,
      Rectangle2D dataArea,
      PlotRenderingInfo info,
      XYPlot plot,
      ValueAxis domainAxis,
      ValueAxis rangeAxis,
      XYDataset dataset,
      int series,
      int item,
      CrosshairState crosshairState,
      int pass) {
    if (pass == 0 && dataset instanceof IntervalXYDataset intervals) {
      double x = intervals.getXValue(series, item);
      double low = intervals.getStartYValue(series, item);
      double high = intervals.getEndYValue(series, item);
      if (Double.isFinite(x) && Double.isFinite(low) && Double.isFinite(high) && low < high) {
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        double xx = domainAxis.valueToJava2D(x, dataArea, xEdge);
        double yLow = rangeAxis.valueToJava2D(low, dataArea, yEdge);
        double yHigh = rangeAxis.valueToJava2D(high, dataArea, yEdge);
        g2.setPaint(getItemPaint(series, item));
        g2.setStroke(getItemStroke(series, item));
        g2.draw(new Line2D.Double(xx, yLow, xx, yHigh));
        g2.draw(new Line2D.Double(xx - CAP / 2, yLow, xx + CAP / 2, yLow));
        g2.draw(new Line2D.Double(xx - CAP / 2, yHigh, xx + CAP / 2, yHigh));
      }
    }
    super.drawItem(
        g2,
        state,
        dataArea,
        info,
        plot,
        domainAxis,
        rangeAxis,
        dataset,
        series,
        item,
        crosshairState,
        pass);
  }

  @Override
  public @Nullable Range findRangeBounds(@Nullable XYDataset dataset) {
    return findRangeBounds(dataset, true);
  }
}
