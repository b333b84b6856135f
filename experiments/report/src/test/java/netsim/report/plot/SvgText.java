package netsim.report.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a test reads from a chart's SVG: its text elements and its glyph-like paths. */
final class SvgText {
  private static final Pattern TEXT = Pattern.compile("<text[^>]*>([^<]*)</text>");

  private SvgText() {}

  /** The content of every {@code <text>} element, in order, entities decoded. */
  static List<String> texts(String svg) {
    List<String> texts = new ArrayList<>();
    Matcher m = TEXT.matcher(svg);
    while (m.find()) {
      texts.add(
          m.group(1)
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&quot;", "\"")
              .replace("&amp;", "&"));
    }
    return texts;
  }

  /**
   * The paths with quadratic curves: glyph outlines (TrueType glyphs are quadratic), which netsim's
   * markers (circles are cubic, diamonds and crosses straight) never are.
   */
  static long glyphPaths(String svg) {
    return Pattern.compile("<path d=\"[^\"]*Q").matcher(svg).results().count();
  }
}
