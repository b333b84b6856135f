package netsim.explore.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import netsim.core.Time;
import netsim.scenario.config.ConfigException;
import netsim.scenario.config.Units;

/**
 * A sweep's {@code constraint:}: which combinations of parameter values to run. A tiny grammar of
 * comparisons joined by {@code and}, {@code or} and {@code not}, with parentheses:
 *
 * <pre>
 * expr       = and ("or" and)*
 * and        = unary ("and" unary)*
 * unary      = "not" unary | "(" expr ")" | comparison
 * comparison = operand ("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") operand
 * operand    = PARAMETER | PARAMETER.KEY | number | quantity (10ms, 5Mbps, 64KiB) | word | 'text'
 * </pre>
 *
 * A parameter stands for its value at the point, or for a key of it when its values are mappings
 * ({@code links[2].queue.kind}); a parameter with labels also equals its label. Numbers compare as
 * numbers, and durations, rates and sizes as quantities of one kind (so {@code 20ms < 0.1s});
 * anything else compares only with {@code ==} and {@code !=}, as text. Every comparison names a
 * parameter on at least one side. Mistakes are {@link Problem}s with the offset of the token they
 * are about, so the sweep file can locate them.
 */
final class Constraint {
  /** A mistake at character {@code offset} of the expression. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int offset;

    Problem(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  /** What an operand names: the value of a parameter (or a key of it), or a literal. */
  private record Operand(int offset, String text, int parameter, String key, JsonNode literal) {}

  private sealed interface Node permits Or, And, Not, Comparison {}

  private record Or(Node left, Node right) implements Node {}

  private record And(Node left, Node right) implements Node {}

  private record Not(Node inner) implements Node {}

  private record Comparison(Operand left, String operator, int offset, Operand right)
      implements Node {}

  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final String SYMBOLS = "()=!<>'\"";
  private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "<", ">");

  private final Node root;
  private final String text;

  private Constraint(Node root, String text) {
    this.root = root;
    this.text = text;
  }

  /** The expression as written. */
  String text() {
    return text;
  }

  /**
   * Parses {@code text} over {@code parameters} (their paths, in order).
   *
   * @throws Problem at the first token that does not fit
   */
  static Constraint parse(String text, List<String> parameters) {
    Parser parser = new Parser(text, parameters);
    Node root = parser.expression();
    if (parser.pos < parser.tokens.size()) {
      Token extra = parser.tokens.get(parser.pos);
      throw new Problem(
          extra.offset, "expected 'and', 'or' or the end of the expression; got " + extra.quoted());
    }
    return new Constraint(root, text);
  }

  /**
   * Whether the point whose values are {@code values} (one per parameter) satisfies this.
   *
   * @throws Problem for a comparison its values cannot make (an order of two texts)
   */
  boolean test(List<SweepValue> values) {
    return test(root, values);
  }

  private boolean test(Node node, List<SweepValue> values) {
    if (node instanceof Or or) {
      return test(or.left(), values) || test(or.right(), values);
    }
    if (node instanceof And and) {
      return test(and.left(), values) && test(and.right(), values);
    }
    if (node instanceof Not not) {
      return !test(not.inner(), values);
    }
    return compare((Comparison) node, values);
  }

  private static boolean compare(Comparison c, List<SweepValue> values) {
    JsonNode left = value(c.left(), values);
    JsonNode right = value(c.right(), values);
    Integer order = order(left, right);
    boolean equality = c.operator().equals("==") || c.operator().equals("!=");
    if (order == null) {
      if (!equality) {
        throw new Problem(
            c.offset(),
            "cannot order "
                + shown(c.left(), left)
                + " and "
                + shown(c.right(), right)
                + ": "
                + c.operator()
                + " compares numbers, or durations, rates or sizes of one kind");
      }
      boolean same =
          text(left).equals(text(right))
              || label(c.left(), values).equals(text(right))
              || label(c.right(), values).equals(text(left));
      return c.operator().equals("==") == same;
    }
    return switch (c.operator()) {
      case "==" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      case "<=" -> order <= 0;
      case ">" -> order > 0;
      default -> order >= 0;
    };
  }

  private static String shown(Operand operand, JsonNode value) {
    String text = value.isMissingNode() ? "nothing" : text(value);
    return operand.parameter() >= 0 ? operand.text() + " (" + text + ")" : text;
  }

  private static String label(Operand operand, List<SweepValue> values) {
    if (operand.parameter() < 0 || operand.key() != null) {
      return "\u0000"; // no label: equals nothing
    }
    SweepValue v = values.get(operand.parameter());
    return v.label() == null ? "\u0000" : v.label();
  }

  private static JsonNode value(Operand operand, List<SweepValue> values) {
    if (operand.parameter() < 0) {
      return operand.literal();
    }
    JsonNode value = values.get(operand.parameter()).value();
    return operand.key() == null ? value : value.path(operand.key());
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() ? "\u0000missing" : SweepSpec.text(node);
  }

  /** The order of two values that are numbers or quantities of one kind, else null. */
  private static Integer order(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue());
    }
    if (!a.isValueNode() || !b.isValueNode() || a.isMissingNode() || b.isMissingNode()) {
      return null;
    }
    List<ToLongFunction<String>> kinds = List.of(Time::parse, Units::parseRate, Units::parseSize);
    for (ToLongFunction<String> kind : kinds) {
      Long x = quantity(kind, a);
      Long y = quantity(kind, b);
      if (x != null && y != null) {
        return Long.compare(x, y);
      }
    }
    return null;
  }

  /** {@code node} as a quantity of one kind, when it is a text with a unit of that kind. */
  private static Long quantity(ToLongFunction<String> kind, JsonNode node) {
    if (!node.isTextual() || NUMBER.matcher(node.textValue().trim()).matches()) {
      return null; // a bare number is no duration, rate or size
    }
    try {
      return kind.applyAsLong(node.textValue());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private record Token(int offset, String text, boolean quotedText) {
    String quoted() {
      return ConfigException.quote(text);
    }
  }

  private static final class Parser {
    final List<Token> tokens = new ArrayList<>();
    final List<String> parameters;
    final int end;
    int pos;

    Parser(String text, List<String> parameters) {
      this.parameters = parameters;
      this.end = text.length();
      int i = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(' || c == ')') {
          tokens.add(new Token(i, String.valueOf(c), false));
          i++;
        } else if (c == '\'' || c == '"') {
          int close = text.indexOf(c, i + 1);
          if (close < 0) {
            throw new Problem(i, "a text opened with " + c + " is not closed");
          }
          tokens.add(new Token(i, text.substring(i + 1, close), true));
          i = close + 1;
        } else if ("=!<>".indexOf(c) >= 0) {
          String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
          String op = OPERATORS.contains(two) ? two : String.valueOf(c);
          if (!OPERATORS.contains(op)) {
            throw new Problem(
                i, "unknown operator " + ConfigException.quote(op) + " (known: == != < <= > >=)");
          }
          tokens.add(new Token(i, op, false));
          i += op.length();
        } else {
          int start = i;
          while (i < text.length()
              && !Character.isWhitespace(text.charAt(i))
              && SYMBOLS.indexOf(text.charAt(i)) < 0) {
            i++;
          }
          tokens.add(new Token(start, text.substring(start, i), false));
        }
      }
    }

    Token peek() {
      return pos < tokens.size() ? tokens.get(pos) : null;
    }

    boolean accept(String word) {
      Token t = peek();
      if (t != null && !t.quotedText() && t.text().equals(word)) {
        pos++;
        return true;
      }
      return false;
    }

    Token next(String expected) {
      Token t = peek();
      if (t == null) {
        throw new Problem(end, "expected " + expected + "; the expression ends");
      }
      pos++;
      return t;
    }

    Node expression() {
      Node left = and();
      while (accept("or")) {
        left = new Or(left, and());
      }
      return left;
    }

    Node and() {
      Node left = unary();
      while (accept("and")) {
        left = new And(left, unary());
      }
      return left;
    }

    Node unary() {
      if (accept("not")) {
        return new Not(unary());
      }
      if (accept("(")) {
        Node inner = expression();
        Token close = next("')'");
        if (close.quotedText() || !close.text().equals(")")) {
          throw new Problem(close.offset(), "expected ')'; got " + close.quoted());
        }
        return inner;
      }
      Operand left = operand();
      Token op = next("a comparison (== != < <= > >=)");
      if (op.quotedText() || !OPERATORS.contains(op.text())) {
        throw new Problem(
            op.offset(), "expected a comparison (== != < <= > >=); got " + op.quoted());
      }
      Operand right = operand();
      if (left.parameter() < 0 && right.parameter() < 0) {
        throw new Problem(
            left.offset(),
            "a comparison needs a parameter on one side (parameters: "
                + String.join(", ", parameters)
                + ")");
      }
      return new Comparison(left, op.text(), op.offset(), right);
    }

    Operand operand() {
      Token t = next("a parameter or a value");
      String text = t.text();
      if (t.quotedText()) {
        return new Operand(t.offset(), text, -1, null, SweepSpec.NODES.textNode(text));
      }
      if (text.equals("(") || text.equals(")") || OPERATORS.contains(text) || keyword(text)) {
        throw new Problem(t.offset(), "expected a parameter or a value; got " + t.quoted());
      }
      for (int j = 0; j < parameters.size(); j++) {
        String path = parameters.get(j);
        if (text.equals(path)) {
          return new Operand(t.offset(), text, j, null, null);
        }
        if (text.startsWith(path + ".") && text.indexOf('.', path.length() + 1) < 0) {
          return new Operand(t.offset(), text, j, text.substring(path.length() + 1), null);
        }
      }
      if (NUMBER.matcher(text).matches()) {
        return new Operand(
            t.offset(), text, -1, null, SweepSpec.NODES.numberNode(new BigDecimal(text)));
      }
      if ((text.indexOf('.') >= 0 && !Character.isDigit(text.charAt(0)))
          || text.indexOf('[') >= 0) {
        throw new Problem(
            t.offset(),
            "no parameter named "
                + t.quoted()
                + " (parameters: "
                + String.join(", ", parameters)
                + ")");
      }
      return new Operand(t.offset(), text, -1, null, SweepSpec.NODES.textNode(text));
    }

    private static boolean keyword(String text) {
      return text.equals("and") || text.equals("or") || text.equals("not");
    }
  }
}
