package netsim.scenario.config;

import static netsim.scenario.config.ConfigException.quote;

import java.util.List;
import netsim.scenario.config.AppSettings.Builder;
import netsim.scenario.config.AppSettings.Moment;
import netsim.scenario.config.ConfigNode.Fields;
import org.jspecify.annotations.Nullable;

/**
 * What an application does on each connection, the keys a listener and a client share ({@code
 * defaults.listener}, {@code defaults.client}, their entries), bound into {@link
 * AppSettings.Builder}: one row per key.
 */
final class AppTable {
  /** The rows, in the order of reference.yaml (and of summary.json). */
  static final Section<AppSettings, Builder> SECTION =
      Section.of(
          AppSettings::builder,
          Builder::build,
          List.of(
              Setting.of("send", n -> n.size(0, 1L << 40), Builder::send, AppSettings::send),
              Setting.of("sendAt", AppTable::sendAt, Builder::sendAt, AppSettings::sendAt),
              Setting.of("close", AppTable::moment, Builder::close, AppSettings::close),
              Setting.of(
                  "closeDelay", Readers.DURATION, Builder::closeDelay, AppSettings::closeDelay),
              Setting.of("closeHow", AppTable::closeHow, Builder::closeHow, AppSettings::closeHow),
              Setting.of("abort", AppTable::moment, Builder::abort, AppSettings::abort)));

  private AppTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /**
   * The application keys {@code f} gives (among its own) over {@code base} (null for the reference:
   * every key needed).
   */
  static AppSettings bind(Fields f, @Nullable AppSettings base) {
    return SECTION.build(SECTION.read(f, base));
  }

  /** A time, or a time after establishment: data is written, not closed, at a moment. */
  private static Moment sendAt(ConfigNode n) {
    Moment m = moment(n);
    if (m.kind() != Moment.Kind.AT && m.kind() != Moment.Kind.AFTER) {
      throw n.error(
          "expected a time such as \"2s\" or a time after the connection is"
              + " established such as \"+500ms\"; got "
              + quote(n.text()));
    }
    return m;
  }

  private static String closeHow(ConfigNode n) {
    String text = n.text();
    if (!text.equals("close") && !text.equals("shutdown")) {
      throw n.error("unknown closeHow " + quote(text) + " (known: close, shutdown)");
    }
    return text;
  }

  /** done, eof, never, an absolute time ("2s") or a time after establishment ("+500ms"). */
  static Moment moment(ConfigNode node) {
    String text = node.text().trim();
    switch (text) {
      case "done":
        return new Moment(Moment.Kind.DONE, 0);
      case "eof":
        return new Moment(Moment.Kind.EOF, 0);
      case "never":
        return Moment.NEVER_MOMENT;
      default:
        boolean after = text.startsWith("+");
        try {
          return new Moment(
              after ? Moment.Kind.AFTER : Moment.Kind.AT,
              node.duration(after ? text.substring(1) : text));
        } catch (ConfigException e) {
          if (e.problem().startsWith("out of range")) {
            throw e;
          }
          throw node.error(
              "expected done, eof, never, a time such as \"2s\" or a time after"
                  + " the connection is established such as \"+500ms\"; got "
                  + quote(text));
        }
    }
  }
}
