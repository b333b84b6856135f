package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * The TCP control bits, at their positions in the header's flags byte (RFC 9293 3.1), and their
 * names in the order traces print them: SYN, FIN, RST, PSH, ACK, URG, ECE, CWR. ACK comes after the
 * flags it usually accompanies, so segments read as people name them and as Wireshark shows them:
 * "SYN|ACK", "FIN|ACK", "PSH|ACK", "RST|ACK", "FIN|PSH|ACK".
 */
public final class TcpFlags {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;

  private static final int[] TRACE_ORDER = {SYN, FIN, RST, PSH, ACK, URG, ECE, CWR};
  private static final String[] NAMES = {"SYN", "FIN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

  private TcpFlags() {}

  /** "SYN|ACK" for SYN and ACK set; "" for none. */
  public static String format(int flags) {
    StringBuilder text = new StringBuilder(16);
    for (int i = 0; i < TRACE_ORDER.length; i++) {
      if ((flags & TRACE_ORDER[i]) != 0) {
        if (text.length() > 0) {
          text.append('|');
        }
        text.append(NAMES[i]);
      }
    }
    return text.toString();
  }

  /**
   * Parses "SYN|ACK" (also "SYN,ACK", "syn ack"; any order) into a bit set; "" or "NONE" is 0.
   *
   * @throws IllegalArgumentException naming an unknown flag and the known ones
   */
  public static int parse(String text) {
    int flags = 0;
    for (String part : text.trim().split("[|,+\\s]+")) {
      if (part.isEmpty() || part.equalsIgnoreCase("NONE")) {
        continue;
      }
      flags |= bit(part.toUpperCase(Locale.ROOT), text);
    }
    return flags;
  }

  private static int bit(String name, String text) {
    for (int i = 0; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return TRACE_ORDER[i];
      }
    }
    checkArgument(
        false,
        "unknown TCP flag '%s' in '%s' (known: SYN, FIN, RST, PSH, ACK, URG, ECE," + " CWR)",
        name,
        text);
    return 0;
  }

  public static boolean has(int flags, int flag) {
    return (flags & flag) != 0;
  }
}
