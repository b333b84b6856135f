package netsim.packetdrill;

import java.util.List;

/**
 * An argument or return value of a system call: {@code ...}, {@code 3}, {@code 0x02}, {@code
 * SOL_SOCKET}, {@code "text"}, {@code [1]}, {@code {onoff=1, linger=0}}, {@code O_RDWR|O_NONBLOCK}
 * or {@code htons(8080)}.
 */
sealed interface Expr {

  /** {@code ...}: any value. */
  record Ellipsis() implements Expr {
    @Override
    public String toString() {
      return "...";
    }
  }

  /** A decimal or hex integer. */
  record Int(long value) implements Expr {
    @Override
    public String toString() {
      return Long.toString(value);
    }
  }

  /** A symbol such as {@code SOL_SOCKET} or {@code ECONNRESET}. */
  record Word(String name) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A quoted string. */
  record Str(String value) implements Expr {
    @Override
    public String toString() {
      return "\"" + value + "\"";
    }
  }

  /** {@code [a, b]}: an array, as for the value of a socket option. */
  record Array(List<Expr> items) implements Expr {
    @Override
    public String toString() {
      return items.toString();
    }
  }

  /** {@code {name=value, ...}}: a struct such as a linger or sockaddr. */
  record Struct(List<Field> fields) implements Expr {
    Expr get(String name) {
      for (Field field : fields) {
        if (name.equals(field.name())) {
          return field.value();
        }
      }
      return null;
    }
  }

  /** One field of a struct; the name is null for a positional value. */
  record Field(String name, Expr value) {}

  /** {@code A|B|C}: the bitwise or of flags. */
  record Or(List<Expr> terms) implements Expr {}

  /** {@code htons(8080)}: a function applied to arguments. */
  record Call(String function, List<Expr> args) implements Expr {}
}
