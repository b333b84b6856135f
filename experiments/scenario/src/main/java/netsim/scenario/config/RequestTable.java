package netsim.scenario.config;

import java.util.List;
import netsim.scenario.config.ConfigNode.Fields;
import netsim.scenario.config.RequestSettings.Builder;

/**
 * A client's request/response ({@code defaults.client.requests}, a client's {@code requests}),
 * bound into {@link RequestSettings.Builder}: one row per key.
 */
final class RequestTable {
  /** The rows, in the order of reference.yaml. */
  static final Section<RequestSettings, Builder> SECTION =
      Section.of(
          RequestSettings::builder,
          Builder::build,
          List.of(
              Setting.of(
                  "count",
                  n -> (int) n.integer(1, 1_000_000),
                  Builder::count,
                  RequestSettings::count),
              Setting.of(
                  "request", n -> n.size(1, 1L << 30), Builder::request, RequestSettings::request),
              Setting.of(
                  "response",
                  n -> n.size(1, 1L << 30),
                  Builder::response,
                  RequestSettings::response),
              Setting.of("think", Readers.DURATION, Builder::think, RequestSettings::think)));

  private RequestTable() {}

  /** The keys, in document order. */
  static List<String> keys() {
    return SECTION.keys();
  }

  /** The settings {@code f} gives over {@code base} (null for the reference). */
  static RequestSettings bind(Fields f, RequestSettings base) {
    return SECTION.build(SECTION.read(f, base));
  }
}
