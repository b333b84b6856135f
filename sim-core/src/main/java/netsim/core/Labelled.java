package netsim.core;

/**
 * An event action with a stable, human-readable label for traces and determinism reports (for
 * instance "tcp/retransmit client:49152"). Actions without one are labelled by their class.
 */
public interface Labelled {
  String label();

  /**
   * The label of any action: its own if it is {@link Labelled}, otherwise its class name, with the
   * run-dependent suffix of lambda classes cut off so that labels are equal across runs.
   */
  static String of(Runnable action) {
    if (action instanceof Labelled labelled) {
      return labelled.label();
    }
    String name = action.getClass().getName();
    int lambda = name.indexOf("$$Lambda");
    return lambda < 0 ? name : name.substring(0, lambda + "$$Lambda".length());
  }
}
