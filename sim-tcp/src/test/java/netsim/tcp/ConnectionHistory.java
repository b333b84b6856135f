package netsim.tcp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an observer can know of a stack's connections from {@link TcpObserver#onCreated} and the
 * state changes: each connection while it lives, then only its {@link ConnectionRecord} (taken when
 * it enters CLOSED, or LISTEN for a released child), so that it holds no ended connection.
 */
final class ConnectionHistory implements TcpObserver {
  private final List<Slot> slots = new ArrayList<>();
  private final Map<FourTuple, Slot> live = new LinkedHashMap<>();

  private static final class Slot {
    TcpConnection connection;
    ConnectionRecord ended;
  }

  @Override
  public void onCreated(long time, TcpConnection connection) {
    Slot slot = new Slot();
    slot.connection = connection;
    slots.add(slot);
    live.put(connection.tuple(), slot);
  }

  @Override
  public void onStateChange(
      long time,
      FourTuple connection,
      TcpState from,
      TcpState to,
      StateCause cause,
      int causeFlags) {
    Slot slot = live.get(connection);
    if (slot != null && (to == TcpState.CLOSED || to == TcpState.LISTEN)) {
      slot.ended = ConnectionRecord.of(slot.connection);
      slot.connection = null;
      live.remove(connection);
    }
  }

  /** A record of every connection made, in order of creation. */
  List<ConnectionRecord> records() {
    List<ConnectionRecord> records = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      records.add(slot.connection != null ? ConnectionRecord.of(slot.connection) : slot.ended);
    }
    return records;
  }
}
