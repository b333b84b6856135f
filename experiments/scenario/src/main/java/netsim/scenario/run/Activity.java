package netsim.scenario.run;

import netsim.core.Simulator;

/**
 * The run's own pending work: application actions scheduled but not yet done, and clients with
 * connections still to make. A run that stops "when all is closed" waits for this to reach zero. It
 * also holds what the applications of the run share: their payload streams' chunks.
 */
final class Activity {
  private final Simulator simulator;
  private final PayloadChunks payloads = new PayloadChunks();
  private int pending;

  Activity(Simulator simulator) {
    this.simulator = simulator;
  }

  /** Runs {@code action} at virtual time {@code time} (or now, if that has passed), counted. */
  void at(long time, Runnable action) {
    pending++;
    simulator.scheduleAt(
        Math.max(time, simulator.now()),
        () -> {
          pending--;
          action.run();
        });
  }

  void after(long delay, Runnable action) {
    at(netsim.core.Time.after(simulator.now(), delay), action);
  }

  /** Marks work that is not a scheduled event (a client's remaining connections). */
  void begin() {
    pending++;
  }

  void end() {
    pending--;
  }

  boolean idle() {
    return pending == 0;
  }

  PayloadChunks payloads() {
    return payloads;
  }

  Simulator simulator() {
    return simulator;
  }
}
