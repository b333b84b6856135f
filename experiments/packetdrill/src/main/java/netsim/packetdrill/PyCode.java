package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The small part of Python that Linux's packetdrill scripts write in {@code %{ }%} blocks to check
 * {@code tcp_info}, read and evaluated on integers: statements {@code assert CONDITION[, message]},
 * {@code name = expr} (and {@code +=}, {@code -=}, {@code *=}), {@code print(...)} and {@code
 * pass}, separated by new lines or {@code ;}, with {@code #} comments and {@code \} continuations;
 * expressions of integers (decimal or hex), names, {@code ( )}, {@code or and not}, comparisons
 * (chained, as {@code 100 <= tcpi_rtt <= 200}), {@code | ^ & << >> + - * // %}, unary {@code - + ~}
 * and {@code min max abs}. An assertion's message is read but not evaluated (netsim reports the
 * condition and the values of its names instead). Anything else is {@link NotEvaluable}, with the
 * reason.
 */
final class PyCode {
  private PyCode() {}

  /** The code is not in the part of Python netsim evaluates. */
  static final class NotEvaluable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotEvaluable(String reason) {
      super(reason);
    }
  }

  /** An expression. */
  sealed interface Node permits Num, Name, Str, Unary, Binary, Compare, Tuple, Call {}

  record Num(long value) implements Node {}

  record Name(String name) implements Node {}

  /** A string literal; only in messages, which are not evaluated. */
  record Str(String value) implements Node {}

  record Unary(String op, Node operand) implements Node {}

  /** {@code + - * // % | ^ & << >>}, and {@code and}/{@code or} (on integers, 1 and 0). */
  record Binary(String op, Node left, Node right) implements Node {}

  /** {@code a < b <= c}: each adjacent pair compared, all must hold. */
  record Compare(List<Node> operands, List<String> ops) implements Node {}

  /** {@code (a, b)}; only in messages. */
  record Tuple(List<Node> items) implements Node {}

  record Call(String function, List<Node> args) implements Node {}

  /** A statement. */
  sealed interface Statement permits Assert, Assign, Print {}

  /**
   * {@code assert condition[, message]}.
   *
   * @param text the condition's source text, for messages
   */
  record Assert(Node condition, String text) implements Statement {}

  /** {@code name = value}, or with {@code op} one of {@code + - *} for {@code +=} and the like. */
  record Assign(String name, String op, Node value) implements Statement {}

  /** {@code print(...)} or {@code pass}: nothing to evaluate. */
  record Print() implements Statement {}

  /** The value of a name when an expression is evaluated. */
  @FunctionalInterface
  interface Env {
    long value(String name);
  }

  private static final Set<String> FUNCTIONS = Set.of("min", "max", "abs");
  private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", "<=", ">", ">=");

  /**
   * The statements of {@code code}.
   *
   * @throws NotEvaluable for code outside the subset, with what it uses
   */
  static List<Statement> parse(String code) {
    return new Parser(code, tokens(code)).statements();
  }

  /** Calls {@code sink} with every name an expression uses. */
  static void names(Node node, Consumer<String> sink) {
    for (Node child : children(node)) {
      names(child, sink);
    }
    if (node instanceof Name name) {
      sink.accept(name.name());
    }
  }

  private static List<Node> children(Node node) {
    if (node instanceof Unary unary) {
      return List.of(unary.operand());
    }
    if (node instanceof Binary binary) {
      return List.of(binary.left(), binary.right());
    }
    if (node instanceof Compare compare) {
      return compare.operands();
    }
    if (node instanceof Tuple tuple) {
      return tuple.items();
    }
    if (node instanceof Call call) {
      return call.args();
    }
    return List.of();
  }

  /** The integer value of {@code node}; a comparison or a logical operator gives 1 or 0. */
  static long evaluate(Node node, Env env) {
    if (node instanceof Num num) {
      return num.value();
    }
    if (node instanceof Name name) {
      return env.value(name.name());
    }
    if (node instanceof Unary unary) {
      long value = evaluate(unary.operand(), env);
      return switch (unary.op()) {
        case "-" -> -value;
        case "~" -> ~value;
        case "not" -> value == 0 ? 1 : 0;
        default -> value;
      };
    }
    if (node instanceof Binary binary) {
      return binary(binary, env);
    }
    if (node instanceof Compare compare) {
      long left = evaluate(compare.operands().get(0), env);
      for (int i = 0; i < compare.ops().size(); i++) {
        long right = evaluate(compare.operands().get(i + 1), env);
        if (!compare(compare.ops().get(i), left, right)) {
          return 0;
        }
        left = right;
      }
      return 1;
    }
    if (node instanceof Call call) {
      return call(call, env);
    }
    throw new NotEvaluable("a string or tuple where a number is needed");
  }

  private static long binary(Binary binary, Env env) {
    long left = evaluate(binary.left(), env);
    if (binary.op().equals("and")) {
      return left == 0 ? 0 : evaluate(binary.right(), env) != 0 ? 1 : 0;
    }
    if (binary.op().equals("or")) {
      return left != 0 ? 1 : evaluate(binary.right(), env) != 0 ? 1 : 0;
    }
    long right = evaluate(binary.right(), env);
    return switch (binary.op()) {
      case "+" -> left + right;
      case "-" -> left - right;
      case "*" -> left * right;
      case "//" -> {
        if (right == 0) {
          throw new NotEvaluable("integer division by zero");
        }
        yield Math.floorDiv(left, right);
      }
      case "%" -> {
        if (right == 0) {
          throw new NotEvaluable("integer modulo by zero");
        }
        yield Math.floorMod(left, right);
      }
      case "|" -> left | right;
      case "^" -> left ^ right;
      case "&" -> left & right;
      case "<<" -> left << right;
      case ">>" -> left >> right;
      default -> throw new IllegalStateException("operator " + binary.op());
    };
  }

  private static boolean compare(String op, long left, long right) {
    return switch (op) {
      case "==" -> left == right;
      case "!=" -> left != right;
      case "<" -> left < right;
      case "<=" -> left <= right;
      case ">" -> left > right;
      case ">=" -> left >= right;
      default -> throw new IllegalStateException("comparison " + op);
    };
  }

  private static long call(Call call, Env env) {
    List<Long> values = new ArrayList<>();
    for (Node arg : call.args()) {
      values.add(evaluate(arg, env));
    }
    if (call.function().equals("abs") && values.size() == 1) {
      return Math.abs(values.get(0));
    }
    if (values.isEmpty() || call.function().equals("abs")) {
      throw new NotEvaluable(call.function() + "() with " + values.size() + " arguments");
    }
    long result = values.get(0);
    for (long value : values) {
      result = call.function().equals("min") ? Math.min(result, value) : Math.max(result, value);
    }
    return result;
  }

  // --- Reading --------------------------------------------------------------------------------

  private enum Kind {
    NUMBER,
    NAME,
    STRING,
    OP,
    NEWLINE,
    END
  }

  private record Tok(Kind kind, String text, int start, int end) {
    boolean is(String op) {
      return (kind == Kind.OP || kind == Kind.NAME) && text.equals(op);
    }
  }

  private static final List<String> OPERATORS =
      List.of(
          "==", "!=", "<=", ">=", "<<", ">>", "//", "+=", "-=", "*=", "**", "<", ">", "=", "+", "-",
          "*", "/", "%", "|", "^", "&", "~", "(", ")", ",", "[", "]", "{", "}", ":", ".");

  /** The index of the new line that ends the line of {@code pos}, or the code's length. */
  private static int lineEnd(String code, int pos) {
    int end = code.indexOf('\n', pos);
    return end < 0 ? code.length() : end;
  }

  private static List<Tok> tokens(String code) {
    List<Tok> tokens = new ArrayList<>();
    int depth = 0;
    int pos = 0;
    while (pos < code.length()) {
      char c = code.charAt(pos);
      if (c == '\\' && code.substring(pos + 1, lineEnd(code, pos)).isBlank()) {
        pos = Math.min(code.length(), lineEnd(code, pos) + 1); // an explicit line join
      } else if (c == '\n' || c == ';') {
        if (depth == 0) {
          tokens.add(new Tok(Kind.NEWLINE, String.valueOf(c), pos, pos + 1));
        }
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < code.length() && code.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\'' || c == '"') {
        int end = code.indexOf(c, pos + 1);
        if (end < 0 || code.substring(pos, end).indexOf('\n') >= 0) {
          throw new NotEvaluable("an unterminated string");
        }
        tokens.add(new Tok(Kind.STRING, code.substring(pos + 1, end), pos, end + 1));
        pos = end + 1;
      } else if (Character.isDigit(c)) {
        int end = pos;
        while (end < code.length()
            && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
          end++;
        }
        if (end < code.length() && code.charAt(end) == '.') {
          throw new NotEvaluable("a floating-point number (netsim evaluates integers)");
        }
        tokens.add(new Tok(Kind.NUMBER, code.substring(pos, end), pos, end));
        pos = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = pos;
        while (end < code.length()
            && (Character.isLetterOrDigit(code.charAt(end)) || code.charAt(end) == '_')) {
          end++;
        }
        tokens.add(new Tok(Kind.NAME, code.substring(pos, end), pos, end));
        pos = end;
      } else {
        String op = null;
        for (String candidate : OPERATORS) {
          if (code.startsWith(candidate, pos)) {
            op = candidate;
            break;
          }
        }
        if (op == null) {
          throw new NotEvaluable("the character '" + c + "'");
        }
        if (op.equals("(") || op.equals("[") || op.equals("{")) {
          depth++;
        } else if (op.equals(")") || op.equals("]") || op.equals("}")) {
          depth = Math.max(0, depth - 1);
        }
        tokens.add(new Tok(Kind.OP, op, pos, pos + op.length()));
        pos += op.length();
      }
    }
    tokens.add(new Tok(Kind.END, "", code.length(), code.length()));
    return tokens;
  }

  private static final class Parser {
    private final String code;
    private final List<Tok> tokens;
    private int next;

    Parser(String code, List<Tok> tokens) {
      this.code = code;
      this.tokens = tokens;
    }

    List<Statement> statements() {
      List<Statement> statements = new ArrayList<>();
      while (peek().kind() != Kind.END) {
        if (peek().kind() == Kind.NEWLINE) {
          next++;
          continue;
        }
        statements.add(statement());
        Tok after = peek();
        if (after.kind() != Kind.NEWLINE && after.kind() != Kind.END) {
          throw new NotEvaluable("'" + after.text() + "' after a statement");
        }
      }
      return List.copyOf(statements);
    }

    private Statement statement() {
      Tok first = peek();
      if (first.is("assert")) {
        next++;
        int start = peek().start();
        Node condition = test();
        String text = code.substring(start, tokens.get(next - 1).end()).strip();
        numeric(condition);
        if (peek().is(",")) {
          next++;
          test(); // the message: read, not evaluated
        }
        return new Assert(condition, text);
      }
      if (first.is("print") || first.is("pass")) {
        next++;
        if (first.is("print")) {
          skipPrintArguments();
        }
        return new Print();
      }
      if (first.kind() == Kind.NAME) {
        Tok op = tokens.get(next + 1);
        if (op.is("=") || op.is("+=") || op.is("-=") || op.is("*=")) {
          next += 2;
          Node value = test();
          numeric(value);
          return new Assign(first.text(), op.text().substring(0, op.text().length() - 1), value);
        }
      }
      throw new NotEvaluable(
          "the statement '"
              + lineAt(first)
              + "' (netsim evaluates assert, assignments and print of tcpi_* fields)");
    }

    private void skipPrintArguments() {
      while (peek().kind() != Kind.NEWLINE && peek().kind() != Kind.END) {
        next++;
      }
    }

    /** A condition or assigned value must be an integer expression. */
    private static void numeric(Node node) {
      if (node instanceof Str) {
        throw new NotEvaluable("a string in a condition");
      }
      if (node instanceof Tuple) {
        throw new NotEvaluable("a tuple in a condition");
      }
      for (Node child : children(node)) {
        numeric(child);
      }
    }

    private Node test() {
      Node left = andTest();
      while (peek().is("or")) {
        next++;
        left = new Binary("or", left, andTest());
      }
      return left;
    }

    private Node andTest() {
      Node left = notTest();
      while (peek().is("and")) {
        next++;
        left = new Binary("and", left, notTest());
      }
      return left;
    }

    private Node notTest() {
      if (peek().is("not")) {
        next++;
        return new Unary("not", notTest());
      }
      return comparison();
    }

    private Node comparison() {
      Node first = binary(0);
      if (peek().kind() != Kind.OP || !COMPARISONS.contains(peek().text())) {
        if (peek().is("in") || peek().is("is")) {
          throw new NotEvaluable("the operator '" + peek().text() + "'");
        }
        return first;
      }
      List<Node> operands = new ArrayList<>();
      List<String> ops = new ArrayList<>();
      operands.add(first);
      while (peek().kind() == Kind.OP && COMPARISONS.contains(peek().text())) {
        ops.add(take().text());
        operands.add(binary(0));
      }
      return new Compare(List.copyOf(operands), List.copyOf(ops));
    }

    /** Binary operators by precedence, loosest first. */
    private static final List<List<String>> LEVELS =
        List.of(
            List.of("|"),
            List.of("^"),
            List.of("&"),
            List.of("<<", ">>"),
            List.of("+", "-"),
            List.of("*", "//", "%", "/"));

    private Node binary(int level) {
      if (level == LEVELS.size()) {
        return factor();
      }
      Node left = binary(level + 1);
      while (peek().kind() == Kind.OP && LEVELS.get(level).contains(peek().text())) {
        String op = take().text();
        if (op.equals("/")) {
          throw new NotEvaluable("true division '/' (netsim evaluates integers; use '//')");
        }
        left = new Binary(op, left, binary(level + 1));
      }
      return left;
    }

    private Node factor() {
      if (peek().is("-") || peek().is("+") || peek().is("~")) {
        String op = take().text();
        return new Unary(op, factor());
      }
      Node primary = primary();
      if (peek().is("**")) {
        throw new NotEvaluable("the operator '**'");
      }
      return primary;
    }

    private Node primary() {
      Tok token = take();
      switch (token.kind()) {
        case NUMBER:
          return new Num(number(token.text()));
        case STRING:
          {
            StringBuilder text = new StringBuilder(token.text());
            while (peek().kind() == Kind.STRING) {
              text.append(take().text());
            }
            return new Str(text.toString());
          }
        case NAME:
          if (peek().is("(")) {
            next++;
            List<Node> args = list(")");
            if (!FUNCTIONS.contains(token.text())) {
              throw new NotEvaluable("the function " + token.text() + "()");
            }
            return new Call(token.text(), args);
          }
          if (peek().is(".") || peek().is("[")) {
            throw new NotEvaluable("'" + token.text() + peek().text() + "'");
          }
          return new Name(token.text());
        case OP:
          if (token.is("(")) {
            List<Node> items = list(")");
            return items.size() == 1 ? items.get(0) : new Tuple(items);
          }
          throw new NotEvaluable("'" + token.text() + "'");
        default:
          throw new NotEvaluable(
              token.kind() == Kind.END ? "an incomplete expression" : "'" + token.text() + "'");
      }
    }

    /** Expressions separated by commas up to {@code close}, which is taken. */
    private List<Node> list(String close) {
      List<Node> items = new ArrayList<>();
      while (!peek().is(close)) {
        items.add(test());
        if (peek().is(",")) {
          next++;
        } else if (!peek().is(close)) {
          throw new NotEvaluable("'" + peek().text() + "' where ',' or '" + close + "' belongs");
        }
      }
      next++;
      return List.copyOf(items);
    }

    private static long number(String text) {
      try {
        if (text.startsWith("0x") || text.startsWith("0X")) {
          return Long.parseLong(text.substring(2), 16);
        }
        if (text.length() > 1 && text.startsWith("0")) {
          throw new NotEvaluable("the number " + text);
        }
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new NotEvaluable("the number " + text);
      }
    }

    private String lineAt(Tok token) {
      int end = code.indexOf('\n', token.start());
      return code.substring(token.start(), end < 0 ? code.length() : end).strip();
    }

    private Tok peek() {
      return tokens.get(next);
    }

    private Tok take() {
      Tok token = tokens.get(next);
      if (token.kind() != Kind.END) {
        next++;
      }
      return token;
    }
  }
}
