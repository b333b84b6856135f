package netsim.report.plot;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a chart shows, apart from how it is drawn: a title, two axis titles, the x axis as numbers
 * or as named categories (category {@code i} at x = i), an optional fixed y range, the legend's
 * place, and the series in order. {@link Charts#svg(Plot, String)} draws it. A value that is not a
 * number (NaN) is a gap: no point, and a break in the series' line.
 */
public final class Plot {
  /** How a series joins its points. */
  public enum Style {
    /** Straight lines between points. */
    LINE,
    /** Points only. */
    POINTS
  }

  /** The mark at each point. */
  public enum Marker {
    NONE,
    CIRCLE,
    DIAMOND,
    CROSS
  }

  /** Where the legend goes; always outside the plot area. */
  public enum Legend {
    /** Under the plot, entries side by side (wrapping when they do not fit one row). */
    ROW_BELOW,
    /** On the right of the plot, one entry a line. */
    COLUMN_RIGHT,
    /** Under the plot, one entry a line. */
    COLUMN_BELOW
  }

  /** One series: its name (the legend's label), points, optional error bars and look. */
  public static final class Series {
    private final String name;
    private final double[] x;
    private final double[] y;
    private final double @Nullable [] errors;
    private Style style = Style.LINE;
    private Marker marker = Marker.NONE;
    private @Nullable Color color;
    private float width = 1.5f;
    private boolean dashed;

    Series(String name, double[] x, double[] y, double @Nullable [] errors) {
      if (x.length != y.length || (errors != null && errors.length != y.length)) {
        throw new IllegalArgumentException("series '" + name + "': x, y and errors differ in size");
      }
      this.name = name;
      this.x = x.clone();
      this.y = y.clone();
      this.errors = errors == null ? null : errors.clone();
    }

    public Series style(Style value) {
      style = value;
      return this;
    }

    public Series marker(Marker value) {
      marker = value;
      return this;
    }

    public Series color(Color value) {
      color = value;
      return this;
    }

    public Series width(float value) {
      width = value;
      return this;
    }

    public Series dashed() {
      dashed = true;
      return this;
    }

    public String name() {
      return name;
    }

    public double[] x() {
      return x.clone();
    }

    public double[] y() {
      return y.clone();
    }

    /** The half-width of each point's error bar (0: none); null when the series has none. */
    public double @Nullable [] errors() {
      return errors == null ? null : errors.clone();
    }

    public Style style() {
      return style;
    }

    public Marker marker() {
      return marker;
    }

    /** The colour set for this series; null: the palette's colour for its place. */
    public @Nullable Color color() {
      return color;
    }

    public float width() {
      return width;
    }

    public boolean isDashed() {
      return dashed;
    }
  }

  private final String title;
  private final String xTitle;
  private final String yTitle;
  private final List<Series> series = new ArrayList<>();
  private @Nullable List<String> categories;
  private double @Nullable [] xRange;
  private double @Nullable [] yRange;
  private Legend legend = Legend.ROW_BELOW;
  private int markerSize = 7;

  public Plot(String title, String xTitle, String yTitle) {
    this.title = title;
    this.xTitle = xTitle;
    this.yTitle = yTitle;
  }

  /** Adds a series without error bars. */
  public Series add(String name, double[] x, double[] y) {
    Series s = new Series(name, x, y, null);
    series.add(s);
    return s;
  }

  /** Adds a series with an error bar of half-width {@code errors[i]} at each point. */
  public Series add(String name, double[] x, double[] y, double[] errors) {
    Series s = new Series(name, x, y, errors);
    series.add(s);
    return s;
  }

  /** Names the x values 0, 1, ..., n - 1 (tick labels as {@link Charts#categoryLabels}). */
  public Plot categories(List<String> names) {
    categories = List.copyOf(names);
    return this;
  }

  /** Fixes the numeric x axis to {@code min}..{@code max}. */
  public Plot xRange(double min, double max) {
    xRange = new double[] {min, max};
    return this;
  }

  /** Fixes the y axis to {@code min}..{@code max}. */
  public Plot yRange(double min, double max) {
    yRange = new double[] {min, max};
    return this;
  }

  public Plot legend(Legend value) {
    legend = value;
    return this;
  }

  public Plot markerSize(int pixels) {
    markerSize = pixels;
    return this;
  }

  public String title() {
    return title;
  }

  public String xTitle() {
    return xTitle;
  }

  public String yTitle() {
    return yTitle;
  }

  public List<Series> series() {
    return List.copyOf(series);
  }

  /** The series' names, in order. */
  public List<String> names() {
    return series.stream().map(Series::name).toList();
  }

  /** The named series. */
  public Series series(String name) {
    for (Series s : series) {
      if (s.name.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no series '" + name + "' among " + names());
  }

  /** The category names of the x axis; null when x is numeric. */
  public @Nullable List<String> categories() {
    return categories;
  }

  /** The fixed x range {min, max}; null when the axis fits the data. */
  public double @Nullable [] xRange() {
    return xRange == null ? null : xRange.clone();
  }

  /** The fixed y range {min, max}; null when the axis fits the data. */
  public double @Nullable [] yRange() {
    return yRange == null ? null : yRange.clone();
  }

  public Legend legend() {
    return legend;
  }

  public int markerSize() {
    return markerSize;
  }
}
