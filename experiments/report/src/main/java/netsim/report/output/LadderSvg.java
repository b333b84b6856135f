package netsim.report.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import netsim.core.Time;
import netsim.scenario.trace.HostChange;
import netsim.scenario.trace.RunIndex;
import netsim.scenario.trace.TraceEvent;
import netsim.tcp.FourTuple;

/**
 * Draws the time-sequence (ladder) diagram of TCP textbooks as SVG text: one vertical time line per
 * host, time running down; every segment an arrow from its sender's line at the time it was sent to
 * its receiver's line at the time it arrived, labelled with its flags, seq and ack (relative to
 * each side's ISN, as Wireshark shows them) and data length; a dropped segment ends in a cross;
 * each connection's state is written beside its host's line where it changes. Long idle stretches
 * are compressed to a break marker, and the drawing stops with a note after a limit of segments.
 * Deterministic: the same events give the same bytes.
 */
public final class LadderSvg {
  private static final int TOP = 96;
  private static final int SIDE = 190;
  private static final int COLUMN = 460;
  private static final double NORMAL_DELAY_PX = 70;
  private static final double MIN_STEP_PX = 16;
  private static final double MAX_STEP_PX = 230;
  private static final double BREAK_PX = 44;
  private static final double LABEL_STEP_PX = 13;

  private LadderSvg() {}

  /** A gap in time drawn as a break marker. */
  private record Break(double y, long gap) {}

  /**
   * The ladder diagram of a run, as an SVG document.
   *
   * @param title the heading, e.g. "lost-final-ack (seed 1)"
   * @param hosts the hosts in order, left to right
   * @param ladder what a {@link LadderSink} gathered from the run
   */
  public static String render(String title, List<String> hosts, LadderSink ladder) {
    RunIndex index = ladder.index();
    List<String> lines = new ArrayList<>(hosts);
    Map<String, Integer> column = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      column.put(lines.get(i), i);
    }
    // The arrows between two hosts drawn here; a drop ends at the host it was heading for.
    List<LadderSink.Arrow> arrows = new ArrayList<>();
    List<String> ends = new ArrayList<>();
    for (LadderSink.Arrow a : ladder.arrows()) {
      int end = ladder.end(a);
      String endNode = end < 0 ? null : index.node(end);
      if (endNode != null
          && column.containsKey(endNode)
          && column.containsKey(index.node(a.send().node()))) {
        arrows.add(a);
        ends.add(endNode);
      }
    }
    List<TraceEvent.State> states = new ArrayList<>();
    for (TraceEvent.State s : ladder.states()) {
      if (column.containsKey(index.node(s.node()))) {
        states.add(s);
      }
    }
    List<TraceEvent> markers = new ArrayList<>();
    for (TraceEvent m : ladder.markers()) {
      if (!(m instanceof TraceEvent.Host h) || column.containsKey(index.node(h.node()))) {
        markers.add(m);
      }
    }
    // Segments still in the network at the end (held) are not drawn, nor those past the cut.
    long undrawn = ladder.undrawn();

    // Time to y: a scale that draws a typical one-way delay NORMAL_DELAY_PX tall, with long
    // idle gaps compressed to a break.
    List<Long> delays = new ArrayList<>();
    for (LadderSink.Arrow a : arrows) {
      if (!a.dropped() && a.endT() > a.send().t()) {
        delays.add(a.endT() - a.send().t());
      }
    }
    delays.sort(null);
    long typical = delays.isEmpty() ? Time.MILLISECOND : delays.get(delays.size() / 2);
    double scale = NORMAL_DELAY_PX / typical;
    TreeSet<Long> times = new TreeSet<>();
    for (LadderSink.Arrow a : arrows) {
      times.add(a.send().t());
      times.add(a.dropped() && a.endT() == a.send().t() ? a.send().t() : a.endT());
    }
    for (TraceEvent.State s : states) {
      times.add(s.t());
    }
    for (TraceEvent m : markers) {
      times.add(m.t());
    }
    TreeMap<Long, Double> y = new TreeMap<>();
    List<Break> breaks = new ArrayList<>();
    double at = TOP + 20;
    Long previous = null;
    for (long t : times) {
      if (previous != null) {
        double step = (t - previous) * scale;
        if (step > MAX_STEP_PX * 1.5) {
          breaks.add(new Break(at + BREAK_PX / 2, t - previous));
          at += BREAK_PX + 20;
        } else {
          at += Math.max(MIN_STEP_PX, Math.min(step, MAX_STEP_PX));
        }
      }
      y.put(t, at);
      previous = t;
    }
    double bottom = at + 70 + (undrawn > 0 ? 30 : 0);
    int width = 2 * SIDE + COLUMN * Math.max(1, lines.size() - 1);

    Svg svg = new Svg(width, (int) StrictMath.ceil(bottom + 60));
    svg.text(width / 2.0, 24, "middle", "title", title);
    svg.text(
        width / 2.0,
        42,
        "middle",
        "legend",
        "time runs down; seq/ack relative to each side's ISN (as Wireshark shows them);"
            + " len = data bytes");
    svg.text(
        width / 2.0,
        56,
        "middle",
        "legend",
        "x = segment dropped (cause given); dashed = retransmission; states beside each"
            + " host's line; \u2026 = idle time compressed");
    for (int i = 0; i < lines.size(); i++) {
      double x = SIDE + i * COLUMN;
      svg.text(x, TOP - 14, "middle", "host", lines.get(i));
      svg.line(x, TOP, x, bottom, "timeline");
    }
    for (Break b : breaks) {
      svg.rect(0, b.y() - 10, width, 20, "gap");
      svg.text(width / 2.0, b.y() + 4, "middle", "gaptext", "\u2026 " + human(b.gap()) + " \u2026");
    }
    Map<String, Integer> sameStart = new LinkedHashMap<>();
    for (int n = 0; n < arrows.size(); n++) {
      LadderSink.Arrow a = arrows.get(n);
      String from = index.node(a.send().node());
      int k = sameStart.merge(from + "@" + a.send().t(), 1, Integer::sum) - 1;
      double x1 = SIDE + column.get(from) * COLUMN;
      double x2full = SIDE + column.get(ends.get(n)) * COLUMN;
      double y1 = y.get(a.send().t());
      double x2 = x2full;
      double y2;
      if (a.dropped()) {
        double yEnd = a.endT() == a.send().t() ? y1 + NORMAL_DELAY_PX : y.get(a.endT());
        double fraction = 0.45;
        x2 = x1 + (x2full - x1) * fraction;
        y2 = y1 + (yEnd - y1) * (a.endT() == a.send().t() ? fraction : 1.0);
        if (a.endT() != a.send().t()) {
          x2 = x1 + (x2full - x1) * 0.75;
        }
      } else {
        y2 = y.get(a.endT());
      }
      String cls = a.retransmission() ? "seg rtx" : "seg";
      if (a.dropped()) {
        svg.line(x1, y1, x2, y2, cls + " lost");
        svg.cross(x2, y2);
        svg.text(
            x2 + (x2 > x1 ? 10 : -10), y2 + 4, x2 > x1 ? "start" : "end", "cause", a.dropCause());
      } else {
        svg.arrow(x1, y1, x2, y2, cls);
      }
      double angle = StrictMath.toDegrees(StrictMath.atan2(y2 - y1, x2 - x1));
      if (x2 < x1) {
        angle += 180;
      }
      // Segments that leave together share a line: spread their labels along it.
      // (the second below the line, later ones further along it).
      int pair = k / 2; // whole pairs: labels 2 and 3 share one step along the line
      double along = k < 2 ? 0.5 : 0.5 + 0.12 * pair * (k % 2 == 0 ? -1 : 1);
      double below = k % 2 == 1 ? 16 : 0;
      double mx = x1 + (x2 - x1) * along;
      double my = y1 + (y2 - y1) * along;
      svg.rotatedText(
          mx, my - 5 + below, angle, "label" + (a.dropped() ? " lostlabel" : ""), a.label());
    }
    // States beside the lines: left of the first host, right of the others; one label per
    // line step so same-time changes stack downwards.
    Map<String, Double> lastLabel = new LinkedHashMap<>();
    Map<String, Integer> connsPerHost = new LinkedHashMap<>();
    Map<String, List<FourTuple>> seen = new LinkedHashMap<>();
    for (TraceEvent.State s : states) {
      List<FourTuple> conns = seen.computeIfAbsent(index.node(s.node()), k -> new ArrayList<>());
      if (!conns.contains(s.conn())) {
        conns.add(s.conn());
      }
    }
    seen.forEach(
        (k, v) ->
            connsPerHost.put(k, (int) v.stream().filter(c -> !TraceEvent.isListener(c)).count()));
    for (TraceEvent.State s : states) {
      String node = index.node(s.node());
      int i = column.get(node);
      boolean left = i == 0;
      double x = SIDE + i * COLUMN + (left ? -12 : 12);
      double ys = y.get(s.t()) + 4;
      double last = lastLabel.getOrDefault(node, -100.0);
      if (ys < last + LABEL_STEP_PX) {
        ys = last + LABEL_STEP_PX;
      }
      lastLabel.put(node, ys);
      String who =
          s.isListener()
              ? "listener " + shortConn(s.conn()) + " "
              : connsPerHost.get(node) > 1 ? shortConn(s.conn()) + " " : "";
      svg.text(x, ys, left ? "end" : "start", "state", who + s.to());
      svg.dot(SIDE + i * COLUMN, y.get(s.t()));
    }
    for (TraceEvent m : markers) {
      double ym = y.get(m.t());
      if (m instanceof TraceEvent.Host h) {
        String node = index.node(h.node());
        int i = column.get(node);
        svg.text(
            SIDE + i * COLUMN,
            ym - 4,
            "middle",
            "marker",
            "\u2716 " + node + " " + (h.what() == HostChange.CRASH ? "crashes" : "restarts"));
      } else if (m instanceof TraceEvent.Link l) {
        svg.text(
            width / 2.0,
            ym - 4,
            "middle",
            "marker",
            "link " + index.link(l.link()) + " " + l.what().traceName());
      }
    }
    if (undrawn > 0) {
      svg.text(
          width / 2.0,
          bottom - 10,
          "middle",
          "cut",
          "\u2702 cut here: "
              + undrawn
              + " more segment"
              + (undrawn == 1 ? "" : "s")
              + " not drawn (all are in trace.jsonl)");
    }
    return svg.finish();
  }

  /** ":80" style short name: the local port, or the remote for a listener's children. */
  private static String shortConn(FourTuple conn) {
    return ":"
        + conn.local().port()
        + (TraceEvent.isListener(conn) ? "" : "\u2194" + conn.remote().port());
  }

  /** "58s", "1.5s", "250ms": a gap to one decimal of its unit. */
  static String human(long nanos) {
    long unit;
    String name;
    if (nanos >= Time.SECOND) {
      unit = Time.SECOND;
      name = "s";
    } else if (nanos >= Time.MILLISECOND) {
      unit = Time.MILLISECOND;
      name = "ms";
    } else {
      unit = Time.MICROSECOND;
      name = "us";
    }
    long tenths = (nanos * 10 + unit / 2) / unit;
    return tenths % 10 == 0
        ? tenths / 10 + " " + name
        : tenths / 10 + "." + tenths % 10 + " " + name;
  }

  /** Minimal SVG text output with fixed number formatting. */
  private static final class Svg {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    Svg(int width, int height) {
      out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
          .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
          .append(width)
          .append("\" height=\"")
          .append(height)
          .append("\" viewBox=\"0 0 ")
          .append(width)
          .append(' ')
          .append(height)
          .append("\">\n")
          .append("<style>\n")
          .append(
              "text{font-family:DejaVu Sans Mono,Menlo,Consolas,monospace;font-size:11px;"
                  + "fill:#222}\n")
          .append(".title{font-size:15px;font-weight:bold}\n")
          .append(".legend{font-size:10px;fill:#555}\n")
          .append(".host{font-size:13px;font-weight:bold}\n")
          .append(".timeline{stroke:#444;stroke-width:2}\n")
          .append(".seg{stroke:#1f5fa8;stroke-width:1.3;fill:none}\n")
          .append(".rtx{stroke-dasharray:6 3}\n")
          .append(".lost{stroke:#c0392b}\n")
          .append(".cross{stroke:#c0392b;stroke-width:2.5}\n")
          .append(".cause{fill:#c0392b;font-size:10px}\n")
          .append(".label{fill:#1f3f68}\n")
          .append(".lostlabel{fill:#8e2b20}\n")
          .append(".state{fill:#2b7a2b;font-weight:bold;font-size:10.5px}\n")
          .append(".statedot{fill:#2b7a2b}\n")
          .append(".gap{fill:#f2f2f2}\n")
          .append(".gaptext{fill:#666;font-style:italic}\n")
          .append(".marker{fill:#8e44ad;font-weight:bold}\n")
          .append(".cut{fill:#c0392b;font-weight:bold}\n")
          .append("</style>\n")
          .append(
              "<defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\""
                  + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                  + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#1f5fa8\"/></marker></defs>\n")
          .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    }

    static String n(double v) {
      return String.format(Locale.ROOT, "%.1f", v);
    }

    void line(double x1, double y1, double x2, double y2, String cls) {
      out.append("<line x1=\"")
          .append(n(x1))
          .append("\" y1=\"")
          .append(n(y1))
          .append("\" x2=\"")
          .append(n(x2))
          .append("\" y2=\"")
          .append(n(y2))
          .append("\" class=\"")
          .append(cls)
          .append("\"/>\n");
    }

    void arrow(double x1, double y1, double x2, double y2, String cls) {
      out.append("<line x1=\"")
          .append(n(x1))
          .append("\" y1=\"")
          .append(n(y1))
          .append("\" x2=\"")
          .append(n(x2))
          .append("\" y2=\"")
          .append(n(y2))
          .append("\" class=\"")
          .append(cls)
          .append("\" marker-end=\"url(#head)\"/>\n");
    }

    void cross(double x, double y) {
      line(x - 6, y - 6, x + 6, y + 6, "cross");
      line(x - 6, y + 6, x + 6, y - 6, "cross");
    }

    void dot(double x, double y) {
      out.append("<circle cx=\"")
          .append(n(x))
          .append("\" cy=\"")
          .append(n(y))
          .append("\" r=\"3\" class=\"statedot\"/>\n");
    }

    void rect(double x, double y, double w, double h, String cls) {
      out.append("<rect x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" width=\"")
          .append(n(w))
          .append("\" height=\"")
          .append(n(h))
          .append("\" class=\"")
          .append(cls)
          .append("\"/>\n");
    }

    void text(double x, double y, String anchor, String cls, String text) {
      out.append("<text x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" text-anchor=\"")
          .append(anchor)
          .append("\" class=\"")
          .append(cls)
          .append("\">")
          .append(escape(text))
          .append("</text>\n");
    }

    void rotatedText(double x, double y, double angle, String cls, String text) {
      out.append("<text x=\"")
          .append(n(x))
          .append("\" y=\"")
          .append(n(y))
          .append("\" text-anchor=\"middle\" class=\"")
          .append(cls)
          .append("\" transform=\"rotate(")
          .append(n(angle))
          .append(' ')
          .append(n(x))
          .append(' ')
          .append(n(y + 5))
          .append(")\">")
          .append(escape(text))
          .append("</text>\n");
    }

    static String escape(String text) {
      return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    String finish() {
      return out.append("</svg>\n").toString();
    }
  }
}
