package netsim.packetdrill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates the state-by-segment conformance scripts under {@code packetdrill/}: each of the 11
 * states of RFC 9293 crossed with each kind of segment (SYN, SYN-ACK, ACK, FIN, FIN-ACK, RST,
 * RST-ACK, data), at the left edge, inside, at the right edge and outside the receive window, each
 * with the reply RFC 9293 3.10.7 and RFC 5961 require. In CLOSED and LISTEN there is no window, so
 * there is one script per kind; in SYN-SENT the position is that of SEG.ACK against our SYN (at
 * ISS, acceptable, beyond SND.NXT).
 *
 * <p>Every script sets up its state from the rfc profile's endpoint (a peer that offers only an
 * MSS, so no window scaling and a 65535-byte window), sends the segment under test 100 ms later and
 * expects the reply, then checks the state where the reply alone does not show it: a TCB that was
 * deleted answers a probe ACK with a RST, a reset connection fails read() with ECONNRESET, a
 * SYN-SENT that ignored a segment still completes its handshake. Where no reply is due, a later
 * {@code >} line proves it, as packetdrill can: each such line reads the next segment sent, so one
 * sent in reply to the segment under test would be read there and fail the script.
 */
final class ConformanceMatrix {
  static final int WINDOW = 65535;
  private static final int DATA = 10;

  private ConformanceMatrix() {}

  /** The kinds of segment the matrix sends. */
  enum Kind {
    SYN("S", "syn", false),
    SYN_ACK("S.", "syn-ack", true),
    ACK(".", "ack", true),
    FIN("F", "fin", false),
    FIN_ACK("F.", "fin-ack", true),
    RST("R", "rst", false),
    RST_ACK("R.", "rst-ack", true),
    DATA("P.", "data", true);

    final String flags;
    final String file;
    final boolean hasAck;

    Kind(String flags, String file, boolean hasAck) {
      this.flags = flags;
      this.file = file;
      this.hasAck = hasAck;
    }

    boolean isRst() {
      return this == RST || this == RST_ACK;
    }

    boolean isSyn() {
      return this == SYN || this == SYN_ACK;
    }

    int length() {
      return this == DATA ? ConformanceMatrix.DATA : 0;
    }

    String label() {
      return name().replace('_', '-');
    }
  }

  /** Where SEG.SEQ lies against the receive window. */
  enum Position {
    LEFT_EDGE("left-edge", "SEG.SEQ = RCV.NXT, the left edge of the window"),
    INSIDE("inside", "SEG.SEQ = RCV.NXT + 1, inside the window"),
    RIGHT_EDGE("right-edge", "SEG.SEQ = RCV.NXT + RCV.WND - 1, the right edge of the window"),
    OUTSIDE("outside", "SEG.SEQ = RCV.NXT + RCV.WND, just outside the window");

    final String file;
    final String text;

    Position(String file, String text) {
      this.file = file;
      this.text = text;
    }

    int seq(int rcvNxt) {
      return switch (this) {
        case LEFT_EDGE -> rcvNxt;
        case INSIDE -> rcvNxt + 1;
        case RIGHT_EDGE -> rcvNxt + WINDOW - 1;
        case OUTSIDE -> rcvNxt + WINDOW;
      };
    }
  }

  /** Where SEG.ACK lies against our SYN in SYN-SENT (ISS = 0, SND.NXT = 1). */
  enum AckPosition {
    AT_ISS("ack-at-iss", 0, "SEG.ACK = ISS, not acceptable (SEG.ACK =< ISS)"),
    ACCEPTABLE("ack-acceptable", 1, "SEG.ACK = SND.NXT, acceptable"),
    BEYOND("ack-beyond", 2, "SEG.ACK = SND.NXT + 1, not acceptable (SEG.ACK > SND.NXT)");

    final String file;
    final int ack;
    final String text;

    AckPosition(String file, int ack, String text) {
      this.file = file;
      this.ack = ack;
      this.text = text;
    }
  }

  /** A synchronized state: how to reach it, and its RCV.NXT and SND.NXT in script numbers. */
  enum Synchronized {
    SYN_RECEIVED("syn-received", 1, 1, false),
    ESTABLISHED("established", 1, 1, true),
    FIN_WAIT_1("fin-wait-1", 1, 2, true),
    FIN_WAIT_2("fin-wait-2", 1, 2, true),
    CLOSE_WAIT("close-wait", 2, 1, true),
    CLOSING("closing", 2, 2, true),
    LAST_ACK("last-ack", 2, 2, true),
    TIME_WAIT("time-wait", 2, 2, true);

    final String dir;
    final int rcvNxt;
    final int sndNxt;
    final boolean accepted;

    Synchronized(String dir, int rcvNxt, int sndNxt, boolean accepted) {
      this.dir = dir;
      this.rcvNxt = rcvNxt;
      this.sndNxt = sndNxt;
      this.accepted = accepted;
    }

    String label() {
      return name().replace('_', '-');
    }

    /** Whether a RST at RCV.NXT is reported to the user as "connection reset". */
    boolean signalsReset() {
      return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSE_WAIT;
    }

    /** Whether segment text is processed here (before the peer's FIN). */
    boolean takesText() {
      return this == SYN_RECEIVED
          || this == ESTABLISHED
          || this == FIN_WAIT_1
          || this == FIN_WAIT_2;
    }
  }

  /** What the endpoint must do: reply lines, the rule, and lines that check the state after. */
  private record Outcome(List<String> reply, String rule, List<String> check) {}

  /** Every matrix script, by path under {@code packetdrill/}, in a stable order. */
  static Map<String, String> scripts() {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (Kind kind : Kind.values()) {
      scripts.put("closed/" + kind.file + ".pkt", closed(kind));
    }
    for (Kind kind : Kind.values()) {
      scripts.put("listen/" + kind.file + ".pkt", listen(kind));
    }
    for (Kind kind : Kind.values()) {
      if (kind.hasAck) {
        for (AckPosition position : AckPosition.values()) {
          scripts.put(
              "syn-sent/" + kind.file + "-" + position.file + ".pkt", synSent(kind, position));
        }
      } else {
        scripts.put("syn-sent/" + kind.file + ".pkt", synSent(kind, null));
      }
    }
    for (Synchronized state : Synchronized.values()) {
      for (Kind kind : Kind.values()) {
        for (Position position : Position.values()) {
          scripts.put(
              state.dir + "/" + kind.file + "-" + position.file + ".pkt",
              synchronizedScript(state, kind, position));
        }
      }
    }
    return scripts;
  }

  // --- CLOSED and LISTEN ----------------------------------------------------------------------

  private static String closed(Kind kind) {
    List<String> lines = new ArrayList<>();
    lines.add("0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3");
    lines.add("+0    bind(3, ..., ...) = 0");
    lines.add("");
    lines.add("// The segment under test, to a port where no socket listens.");
    lines.add("+0.1  < " + segment(kind, 100, 1000));
    String rule;
    if (kind.isRst()) {
      rule = "RFC 9293 3.10.7.1: \"An incoming segment containing a RST is discarded.\"";
      lines.add("// No reply: a RST is never answered; the next segment sent answers a probe ACK.");
      lines.add("+0.1  < . 100:100(0) ack 1000 win " + WINDOW);
      lines.add("+0    > R 1000:1000(0)");
    } else if (kind.hasAck) {
      rule = "RFC 9293 3.10.7.1: \"If the ACK bit is on, <SEQ=SEG.ACK><CTL=RST>\".";
      lines.add("// The reply: <SEQ=SEG.ACK><CTL=RST>.");
      lines.add("+0    > R 1000:1000(0)");
    } else {
      rule =
          "RFC 9293 3.10.7.1: \"If the ACK bit is off, sequence number zero is used,"
              + " <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>\".";
      lines.add("// The reply: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.");
      lines.add("+0    > R. 0:0(0) ack 101");
    }
    return script(
        "CLOSED x " + kind.label() + ": no TCB, so the closed-port rule answers.", rule, lines);
  }

  private static String listen(Kind kind) {
    List<String> lines = new ArrayList<>(listenSetup());
    lines.add("");
    lines.add("// The segment under test.");
    lines.add("+0.1  < " + segment(kind, 100, 1000) + (kind == Kind.SYN ? " <mss 1460>" : ""));
    String rule;
    if (kind.isRst()) {
      rule =
          "RFC 9293 3.10.7.2 first: \"An incoming RST segment could not be valid since it"
              + " could not have been sent in response to anything sent by this incarnation of the"
              + " connection. An incoming RST should be ignored.\"";
      lines.add("// No reply: the RST is ignored, and the listener still works.");
      lines.addAll(handshakeFromListener(100));
    } else if (kind.hasAck) {
      rule =
          "RFC 9293 3.10.7.2 second: \"Any acknowledgment is bad if it arrives on a"
              + " connection still in the LISTEN state. An acceptable reset segment should be formed"
              + " for any arriving ACK-bearing segment. The RST should be formatted as follows:"
              + " <SEQ=SEG.ACK><CTL=RST>\".";
      lines.add("// The reply: <SEQ=SEG.ACK><CTL=RST>.");
      lines.add("+0    > R 1000:1000(0)");
    } else if (kind == Kind.SYN) {
      rule =
          "RFC 9293 3.10.7.2 third: \"Set RCV.NXT to SEG.SEQ+1, IRS is set to SEG.SEQ ..."
              + " <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> is sent\"; the SYN,ACK offers only what the"
              + " SYN offered (RFC 7323 2.2, 3.2).";
      lines.add("// The reply: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.");
      lines.add("+0    > S. 0:0(0) ack 101 win 65535 <mss 1460>");
    } else {
      rule =
          "RFC 9293 3.10.7.2 fourth: \"Any other control or text-bearing segment (not"
              + " containing SYN) must have an ACK and thus would have been discarded by the ACK"
              + " processing in the second step.\" Without an ACK it is dropped.";
      lines.add("// No reply: the segment is dropped, and the listener still works.");
      lines.addAll(handshakeFromListener(100));
    }
    return script("LISTEN x " + kind.label() + ".", rule, lines);
  }

  /** A fresh SYN to the listener and the SYN,ACK: proof that the listener is unaffected. */
  private static List<String> handshakeFromListener(int seq) {
    int isn = seq + 5000;
    return List.of(
        "+0.1  < S " + isn + ":" + isn + "(0) win 65535 <mss 1460>",
        "+0    > S. 0:0(0) ack " + (isn + 1) + " win 65535 <mss 1460>");
  }

  // --- SYN-SENT -------------------------------------------------------------------------------

  private static String synSent(Kind kind, AckPosition position) {
    List<String> lines = new ArrayList<>(synSentSetup());
    lines.add("");
    int ack = position == null ? 0 : position.ack;
    lines.add("// The segment under test" + (position == null ? "" : ": " + position.text) + ".");
    lines.add("+0.1  < " + segment(kind, 0, ack) + (kind.isSyn() ? " <mss 1460>" : ""));
    boolean badAck = position != null && position != AckPosition.ACCEPTABLE;
    String rule;
    boolean stillSynSent = true;
    if (badAck) {
      if (kind.isRst()) {
        rule =
            "RFC 9293 3.10.7.3 first: \"If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a"
                + " reset (unless the RST bit is set, if so drop the segment and return)\".";
        lines.add("// No reply: a RST with an unacceptable ACK is dropped.");
      } else {
        rule =
            "RFC 9293 3.10.7.3 first: \"If SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a"
                + " reset ... <SEQ=SEG.ACK><CTL=RST> and discard the segment.\"";
        lines.add("// The reply: <SEQ=SEG.ACK><CTL=RST>; the connection stays in SYN-SENT.");
        lines.add("+0    > R " + ack + ":" + ack + "(0)");
      }
    } else if (kind.isRst()) {
      if (kind.hasAck) {
        rule =
            "RFC 9293 3.10.7.3 second: \"If the ACK was acceptable, then signal to the user"
                + " 'error: connection reset', drop the segment, enter CLOSED state, delete TCB, and"
                + " return.\"";
        lines.add("// No reply: the connection is refused.");
        lines.add("+0    getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0");
        lines.addAll(deletedProbe(1, 1));
        stillSynSent = false;
      } else {
        rule =
            "RFC 9293 3.10.7.3 second: \"Otherwise (no ACK), drop the segment and return\""
                + " (RFC 5961 3.2: a RST in SYN-SENT is believed only if it acknowledges the SYN).";
        lines.add("// No reply: a RST without an ACK is dropped.");
      }
    } else if (kind == Kind.SYN) {
      rule =
          "RFC 9293 3.10.7.3 fourth: \"Otherwise, enter SYN-RECEIVED, form a SYN,ACK segment"
              + " <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK> and send it\" (simultaneous open); it offers"
              + " only the options the peer's SYN offered (RFC 7323 2.2: \"MAY send a Window Scale"
              + " option in a <SYN,ACK> segment only if it received a Window Scale option in the"
              + " initial <SYN>\"; 3.2 likewise for timestamps).";
      lines.add("// The reply: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.");
      lines.add("+0    > S. 0:0(0) ack 1 win 65535 <mss 1460>");
      stillSynSent = false;
    } else if (kind == Kind.SYN_ACK) {
      rule =
          "RFC 9293 3.10.7.3 fourth: \"If SND.UNA > ISS (our SYN has been ACKed), change the"
              + " connection state to ESTABLISHED, form an ACK segment <SEQ=SND.NXT><ACK=RCV.NXT>"
              + "<CTL=ACK> and send it.\"";
      lines.add(
          "// The reply: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; the connection is" + " established.");
      lines.add("+0    > . 1:1(0) ack 1");
      lines.add("+0    getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
      stillSynSent = false;
    } else {
      rule =
          "RFC 9293 3.10.7.3 fifth: \"If neither of the SYN or RST bits is set, then drop the"
              + " segment and return.\"";
      lines.add("// No reply: the segment is dropped.");
    }
    if (stillSynSent) {
      lines.add("// Still in SYN-SENT: the real SYN,ACK completes the handshake.");
      lines.add("+0.1  < S. 0:0(0) ack 1 win 65535 <mss 1460>");
      lines.add("+0    > . 1:1(0) ack 1");
      lines.add("+0    getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
    }
    String where = position == null ? "" : " with " + position.text;
    return script("SYN-SENT x " + kind.label() + where + ".", rule, lines);
  }

  // --- Synchronized states --------------------------------------------------------------------

  private static String synchronizedScript(Synchronized state, Kind kind, Position position) {
    List<String> lines = new ArrayList<>(setup(state));
    lines.add("");
    int seq = position.seq(state.rcvNxt);
    lines.add(
        "// The segment under test: "
            + position.text
            + " (RCV.NXT = "
            + state.rcvNxt
            + ", RCV.WND = "
            + WINDOW
            + ").");
    lines.add("+0.1  < " + segment(kind, seq, state.sndNxt));
    Outcome outcome = outcome(state, kind, position);
    if (outcome.reply().isEmpty()) {
      lines.add("// No reply.");
    }
    lines.addAll(outcome.reply());
    lines.addAll(outcome.check());
    if (outcome.reply().isEmpty() && outcome.check().isEmpty()) {
      lines.addAll(silenceProbe(state));
    }
    return script(
        state.label() + " x " + kind.label() + " at " + position.file + ".", outcome.rule(), lines);
  }

  /**
   * The reply RFC 9293 3.10.7.4 (with RFC 5961's challenge ACKs) requires, in its order of checks:
   * sequence number, RST, SYN, ACK bit, ACK field, text, FIN.
   */
  private static Outcome outcome(Synchronized state, Kind kind, Position position) {
    int rn = state.rcvNxt;
    int sn = state.sndNxt;
    String ack = "+0    > . " + sn + ":" + sn + "(0) ack " + rn;
    if (position == Position.OUTSIDE) {
      if (kind.isRst()) {
        return new Outcome(
            List.of(),
            "RFC 5961 3.2 (RFC 9293 3.10.7.4 second): \"If the RST"
                + " bit is set and the sequence number is outside the current receive window,"
                + " silently drop the segment.\"",
            List.of());
      }
      return new Outcome(
          List.of("// The reply: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.", ack),
          "RFC 9293 3.10.7.4 first: \"If an incoming segment is not acceptable, an"
              + " acknowledgment should be sent in reply (unless the RST bit is set ...)\";"
              + " for a SYN this is RFC 5961 4.2's challenge ACK, of the same form.",
          List.of());
    }
    if (kind.isRst()) {
      if (position != Position.LEFT_EDGE) {
        return new Outcome(
            List.of("// The reply: a challenge ACK" + " <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.", ack),
            "RFC 5961 3.2 (RFC 9293 3.10.7.4 second): \"If the RST bit is set and the sequence"
                + " number does not exactly match the next expected sequence value, yet is"
                + " within the current receive window, TCP MUST send an acknowledgment"
                + " (challenge ACK)\".",
            List.of());
      }
      List<String> check = new ArrayList<>();
      String rule;
      if (state == Synchronized.SYN_RECEIVED) {
        rule =
            "RFC 9293 3.10.7.4 second, SYN-RECEIVED: \"If this connection was initiated with"
                + " a passive OPEN (i.e., came from the LISTEN state), then return this connection"
                + " to LISTEN state and return.\"";
      } else if (state.signalsReset()) {
        rule =
            "RFC 9293 3.10.7.4 second (RFC 5961 3.2: SEG.SEQ = RCV.NXT): \"any outstanding"
                + " RECEIVEs and SEND should receive 'reset' responses ... enter the CLOSED state,"
                + " delete the TCB, and return.\"";
        check.add("+0    read(4, ..., 100) = -1 ECONNRESET (Connection reset by peer)");
      } else {
        rule =
            "RFC 9293 3.10.7.4 second, "
                + state.label()
                + ": \"If the RST bit is set, then"
                + " enter the CLOSED state, delete the TCB, and return.\"";
      }
      check.addAll(deletedProbe(rn, sn));
      return new Outcome(List.of(), rule, check);
    }
    if (kind.isSyn()) {
      if (state == Synchronized.SYN_RECEIVED) {
        return new Outcome(
            List.of(),
            "RFC 9293 3.10.7.4 fourth, SYN-RECEIVED: \"If the"
                + " connection was initiated with a passive OPEN, then return this connection to"
                + " the LISTEN state and return.\"",
            deletedProbe(rn, sn));
      }
      return new Outcome(
          List.of("// The reply: a challenge ACK" + " <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.", ack),
          "RFC 5961 4.2 (RFC 9293 3.10.7.4 fourth): \"If the SYN bit is set, irrespective of"
              + " the sequence number, TCP MUST send an ACK (also referred to as challenge ACK)"
              + " to the remote peer\".",
          List.of());
    }
    if (!kind.hasAck) {
      return new Outcome(
          List.of(),
          "RFC 9293 3.10.7.4 fifth: \"if the ACK bit is off, drop" + " the segment and return\".",
          List.of());
    }
    // Fifth, the ACK field (SEG.ACK = SND.NXT, acceptable).
    switch (state) {
      case LAST_ACK:
        return new Outcome(
            List.of(),
            "RFC 9293 3.10.7.4 fifth, LAST-ACK: \"The only thing"
                + " that can arrive in this state is an acknowledgment of our FIN. If our FIN is now"
                + " acknowledged, delete the TCB, enter the CLOSED state, and return.\"",
            deletedProbe(rn, sn));
      case TIME_WAIT:
        return timeWaitAck(kind, position, rn, sn, ack);
      default:
        break;
    }
    boolean inOrder = position == Position.LEFT_EDGE;
    String ackRule =
        switch (state) {
          case SYN_RECEIVED ->
              "fifth, SYN-RECEIVED: \"If SND.UNA < SEG.ACK =< SND.NXT, then enter"
                  + " ESTABLISHED state and continue processing\"";
          case FIN_WAIT_1 ->
              "fifth, FIN-WAIT-1: \"if the FIN segment is now acknowledged, then"
                  + " enter FIN-WAIT-2 and continue processing in that state\"";
          case CLOSING ->
              "fifth, CLOSING: \"if the ACK acknowledges our FIN, then enter the"
                  + " TIME-WAIT state\"";
          default -> "fifth: SEG.ACK = SND.NXT is acceptable";
        };
    if (kind == Kind.ACK) {
      return new Outcome(
          List.of(),
          "RFC 9293 3.10.7.4 " + ackRule + "; a segment without text" + " or FIN needs no reply.",
          List.of());
    }
    if (kind == Kind.DATA) {
      if (!state.takesText()) {
        return new Outcome(
            List.of(),
            "RFC 9293 3.10.7.4 "
                + ackRule
                + "; seventh, "
                + state.label()
                + ": \"This should not occur since a FIN has been received from the"
                + " remote side. Ignore the segment text.\"",
            List.of());
      }
      if (inOrder) {
        return new Outcome(
            List.of(
                "// The reply, within 0.5 s (RFC 9293 3.8.6.3, delayed"
                    + " ACK): <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with RCV.NXT past the data.",
                "+0~+0.5 > . " + sn + ":" + sn + "(0) ack " + (rn + DATA)),
            "RFC 9293 3.10.7.4 "
                + ackRule
                + "; seventh: \"Once the TCP endpoint takes"
                + " responsibility for the data, it advances RCV.NXT over the data accepted ..."
                + " Send an acknowledgment of the form: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>\".",
            List.of());
      }
      return new Outcome(
          List.of("// The reply: a duplicate ACK <SEQ=SND.NXT><ACK=RCV.NXT>" + "<CTL=ACK>.", ack),
          "RFC 9293 3.10.7.4 "
              + ackRule
              + "; the segment is out of"
              + " order (\"segments with higher beginning sequence numbers may be held for later"
              + " processing\") and RFC 5681 4.2: \"A TCP receiver SHOULD send an immediate"
              + " duplicate ACK when an out-of-order segment arrives\".",
          List.of());
    }
    // FIN-ACK.
    if (inOrder) {
      String finRule =
          switch (state) {
            case SYN_RECEIVED, ESTABLISHED -> "eighth, ESTABLISHED: \"Enter the CLOSE-WAIT state\"";
            case FIN_WAIT_1 ->
                "eighth, FIN-WAIT-1: \"If our FIN has been ACKed (perhaps in this"
                    + " segment), then enter TIME-WAIT\"";
            case FIN_WAIT_2 -> "eighth, FIN-WAIT-2: \"Enter the TIME-WAIT state\"";
            case CLOSE_WAIT -> "eighth, CLOSE-WAIT: \"Remain in the CLOSE-WAIT state\"";
            default ->
                "eighth, TIME-WAIT (entered at the fifth step): \"Remain in the TIME-WAIT"
                    + " state. Restart the 2 MSL time-wait timeout.\"";
          };
      return new Outcome(
          List.of(
              "// The reply: the FIN is acknowledged,"
                  + " <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with RCV.NXT past the FIN.",
              "+0    > . " + sn + ":" + sn + "(0) ack " + (rn + 1)),
          "RFC 9293 3.10.7.4 "
              + ackRule
              + "; "
              + finRule
              + ", and \"advance RCV.NXT over the"
              + " FIN, and send an acknowledgment for the FIN\".",
          List.of());
    }
    String mayAck =
        "RFC 9293 3.10.7.4 "
            + ackRule
            + "; the FIN is beyond RCV.NXT, so it is not"
            + " processed (\"only processing further if the segment then begins at RCV.NXT\"); RFC"
            + " 9293 MAY-13: \"A TCP implementation MAY send an ACK segment acknowledging RCV.NXT"
            + " when a valid segment arrives that is in the window but not at the left window"
            + " edge\"";
    if (!state.takesText()) {
      return new Outcome(List.of(), mayAck + "; after the peer's FIN, netsim does not.", List.of());
    }
    return new Outcome(
        List.of("// The reply: a duplicate ACK <SEQ=SND.NXT><ACK=RCV.NXT>" + "<CTL=ACK>.", ack),
        mayAck + ", and netsim does.",
        List.of());
  }

  /** TIME-WAIT, an acceptable segment with the ACK bit: the fifth step's TIME-WAIT rule. */
  private static Outcome timeWaitAck(Kind kind, Position position, int rn, int sn, String ack) {
    String rule =
        "RFC 9293 3.10.7.4 fifth, TIME-WAIT: \"The only thing that can arrive in this"
            + " state is a retransmission of the remote FIN. Acknowledge it, and restart the 2 MSL"
            + " timeout.\"";
    if (kind == Kind.FIN_ACK && position == Position.LEFT_EDGE) {
      return new Outcome(
          List.of(
              "// The reply: the FIN is acknowledged,"
                  + " <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> with RCV.NXT past the FIN.",
              "+0    > . " + sn + ":" + sn + "(0) ack " + (rn + 1)),
          rule
              + "; eighth, TIME-WAIT:"
              + " \"Remain in the TIME-WAIT state. Restart the 2 MSL time-wait timeout.\"",
          List.of());
    }
    return new Outcome(
        List.of("// The reply: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.", ack), rule, List.of());
  }

  /**
   * Proof of silence as packetdrill has it: a {@code >} line reads the next segment sent, so a
   * probe just outside the window, whose answer RFC 9293 3.10.7.4 first fixes, would read any
   * segment sent in reply to the segment under test first and fail on it.
   */
  private static List<String> silenceProbe(Synchronized state) {
    int rn = state.rcvNxt;
    int sn = state.sndNxt;
    int outside = Position.OUTSIDE.seq(rn);
    return List.of(
        "// Nothing was sent: a probe outside the window draws the next segment, an ACK.",
        "+0.1  < . " + outside + ":" + outside + "(0) ack " + sn + " win " + WINDOW,
        "+0    > . " + sn + ":" + sn + "(0) ack " + rn);
  }

  /** A probe ACK for a deleted TCB: the listener or the closed-port rule answers RST. */
  private static List<String> deletedProbe(int rn, int sn) {
    return List.of(
        "// The TCB is gone: a probe ACK is answered with <SEQ=SEG.ACK><CTL=RST>.",
        "+0    < . " + rn + ":" + rn + "(0) ack " + sn + " win " + WINDOW,
        "+0    > R " + sn + ":" + sn + "(0)");
  }

  // --- Setups ---------------------------------------------------------------------------------

  private static List<String> listenSetup() {
    return List.of(
        "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
        "+0    setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0",
        "+0    bind(3, ..., ...) = 0",
        "+0    listen(3, 1) = 0");
  }

  private static List<String> synSentSetup() {
    return List.of(
        "0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3",
        "+0    fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0",
        "+0    connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)",
        "+0    > S 0:0(0) win 65535 <mss 1460,nop,nop,TS val 100 ecr 0,nop,wscale 1>");
  }

  /** The lines that bring a passive connection into {@code state}. */
  static List<String> setup(Synchronized state) {
    List<String> lines = new ArrayList<>(listenSetup());
    lines.add("+0.1  < S 0:0(0) win 65535 <mss 1460>");
    lines.add("+0    > S. 0:0(0) ack 1 win 65535 <mss 1460>");
    if (state == Synchronized.SYN_RECEIVED) {
      lines.add("// Now in SYN-RECEIVED (the child of the listener, not yet accepted).");
      return lines;
    }
    lines.add("+0.1  < . 1:1(0) ack 1 win 65535");
    lines.add("+0    accept(3, ..., ...) = 4");
    switch (state) {
      case ESTABLISHED -> lines.add("// Now in ESTABLISHED.");
      case FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT -> {
        lines.add("+0.1  shutdown(4, SHUT_WR) = 0");
        lines.add("+0    > F. 1:1(0) ack 1");
        if (state == Synchronized.FIN_WAIT_1) {
          lines.add("// Now in FIN-WAIT-1.");
        } else if (state == Synchronized.CLOSING) {
          lines.add("+0.1  < F. 1:1(0) ack 1 win 65535");
          lines.add("+0    > . 2:2(0) ack 2");
          lines.add("// Now in CLOSING: the FINs crossed.");
        } else {
          lines.add("+0.1  < . 1:1(0) ack 2 win 65535");
          if (state == Synchronized.FIN_WAIT_2) {
            lines.add("// Now in FIN-WAIT-2.");
          } else {
            lines.add("+0.1  < F. 1:1(0) ack 2 win 65535");
            lines.add("+0    > . 2:2(0) ack 2");
            lines.add("// Now in TIME-WAIT.");
          }
        }
      }
      case CLOSE_WAIT, LAST_ACK -> {
        lines.add("+0.1  < F. 1:1(0) ack 1 win 65535");
        lines.add("+0    > . 1:1(0) ack 2");
        if (state == Synchronized.CLOSE_WAIT) {
          lines.add("// Now in CLOSE-WAIT.");
        } else {
          lines.add("+0.1  shutdown(4, SHUT_WR) = 0");
          lines.add("+0    > F. 1:1(0) ack 2");
          lines.add("// Now in LAST-ACK.");
        }
      }
      default -> throw new IllegalArgumentException("no setup for " + state);
    }
    return lines;
  }

  // --- Text -----------------------------------------------------------------------------------

  /** {@code P. 1:11(10) ack 1 win 65535}: an inbound segment of this kind. */
  private static String segment(Kind kind, int seq, int ack) {
    int end = seq + kind.length();
    StringBuilder text =
        new StringBuilder(kind.flags)
            .append(' ')
            .append(seq)
            .append(':')
            .append(end)
            .append('(')
            .append(kind.length())
            .append(')');
    if (kind.hasAck) {
      text.append(" ack ").append(ack);
    }
    return text.append(" win ").append(WINDOW).toString();
  }

  private static String script(String title, String rule, List<String> body) {
    StringBuilder text = new StringBuilder(1024);
    text.append("// ").append(title).append('\n');
    for (String line : wrap(rule, 96)) {
      text.append("// ").append(line).append('\n');
    }
    text.append(
        "// Generated by ConformanceMatrix (packetdrill tests): change the generator,"
            + " then run\n// mvn -pl experiments/packetdrill test -Dtest=ConformanceMatrixTest"
            + " -Dpacketdrill.regenerate=true\n\n");
    for (String line : body) {
      text.append(line).append('\n');
    }
    return text.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
