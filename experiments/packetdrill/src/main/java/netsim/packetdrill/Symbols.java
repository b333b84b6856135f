package netsim.packetdrill;

import java.util.Map;

/**
 * The values of the names scripts use in system call arguments and results ({@code O_RDWR}, {@code
 * SOCK_STREAM}, {@code SHUT_WR}, errno names ...), with Linux's numbering except for {@code
 * O_NONBLOCK}, whose value is the profile's.
 */
final class Symbols {
  private static final Map<String, Long> VALUES =
      Map.ofEntries(
          Map.entry("O_RDONLY", 0L),
          Map.entry("O_WRONLY", 1L),
          Map.entry("O_RDWR", 2L),
          Map.entry("F_GETFD", 1L),
          Map.entry("F_SETFD", 2L),
          Map.entry("F_GETFL", 3L),
          Map.entry("F_SETFL", 4L),
          Map.entry("FD_CLOEXEC", 1L),
          Map.entry("AF_INET", 2L),
          Map.entry("PF_INET", 2L),
          Map.entry("SOCK_STREAM", 1L),
          Map.entry("IPPROTO_TCP", 6L),
          Map.entry("SOL_TCP", 6L),
          Map.entry("SOL_SOCKET", 1L),
          Map.entry("SOL_IP", 0L),
          Map.entry("IPPROTO_IP", 0L),
          Map.entry("IP_PMTUDISC_DONT", 0L),
          Map.entry("SHUT_RD", 0L),
          Map.entry("SHUT_WR", 1L),
          Map.entry("SHUT_RDWR", 2L),
          Map.entry("EPIPE", 32L),
          Map.entry("EAGAIN", 11L),
          Map.entry("EWOULDBLOCK", 11L),
          Map.entry("EBADF", 9L),
          Map.entry("EINVAL", 22L),
          Map.entry("ENOTCONN", 107L),
          Map.entry("EISCONN", 106L),
          Map.entry("EALREADY", 114L),
          Map.entry("EINPROGRESS", 115L),
          Map.entry("ECONNREFUSED", 111L),
          Map.entry("ECONNRESET", 104L),
          Map.entry("ECONNABORTED", 103L),
          Map.entry("ETIMEDOUT", 110L),
          Map.entry("EOPNOTSUPP", 95L));

  private final long nonBlockFlag;

  Symbols(long nonBlockFlag) {
    this.nonBlockFlag = nonBlockFlag;
  }

  /** The errno name scripts compare, with EWOULDBLOCK read as EAGAIN. */
  static String canonicalErrno(String name) {
    return "EWOULDBLOCK".equals(name) ? "EAGAIN" : name;
  }

  /** Whether {@code name} is an errno name this runner produces or compares. */
  static boolean isErrno(String name) {
    return name.startsWith("E") && VALUES.containsKey(name);
  }

  /**
   * The integer value of an expression: a number, a known name, or an or of those.
   *
   * @throws IllegalArgumentException for an expression without a known integer value
   */
  long value(Expr expr) {
    if (expr instanceof Expr.Int number) {
      return number.value();
    }
    if (expr instanceof Expr.Word word) {
      if (word.name().equals("O_NONBLOCK")) {
        return nonBlockFlag;
      }
      Long value = VALUES.get(word.name());
      if (value == null) {
        throw new IllegalArgumentException("unknown name '" + word.name() + "'");
      }
      return value;
    }
    if (expr instanceof Expr.Or or) {
      long bits = 0;
      for (Expr term : or.terms()) {
        bits |= value(term);
      }
      return bits;
    }
    if (expr instanceof Expr.Array array && array.items().size() == 1) {
      return value(array.items().get(0));
    }
    throw new IllegalArgumentException("expected an integer, got " + expr);
  }

  /** Whether the expression names {@code O_NONBLOCK} (or has its bit). */
  boolean hasNonBlock(Expr expr) {
    try {
      return (value(expr) & nonBlockFlag) != 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
