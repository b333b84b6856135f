package netsim.explore.sweep;

import java.util.List;

/** CSV as RFC 4180 writes it: comma-separated, quoted only when needed, "\n" line ends. */
final class Csv {
  private Csv() {}

  static String row(List<String> cells) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      line.append(quote(cells.get(i)));
    }
    return line.append('\n').toString();
  }

  static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }
}
