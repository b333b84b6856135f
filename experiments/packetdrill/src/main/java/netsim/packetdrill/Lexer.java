package netsim.packetdrill;

import java.util.ArrayList;
import java.util.List;
import netsim.packetdrill.Token.Kind;

/**
 * Splits a script into tokens as packetdrill's scanner does: comments ({@code //} and {@code /*
 * *}{@code /}) and white space (new lines included) separate tokens; numbers, words, quoted
 * strings, back-quoted shell commands, {@code %{ code }%} blocks, {@code --options}, IPv4
 * addresses, {@code ...} and single punctuation characters are tokens.
 */
final class Lexer {
  private final String file;
  private final String text;
  private int pos;
  private int line = 1;

  private Lexer(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /**
   * The tokens of {@code text}, ending with an {@link Kind#END} token.
   *
   * @throws ScriptSyntaxException for an unterminated comment, string or code block
   */
  static List<Token> tokenize(String file, String text) {
    Lexer lexer = new Lexer(file, text);
    List<Token> tokens = new ArrayList<>();
    Token token = lexer.next();
    while (!token.is(Kind.END)) {
      tokens.add(token);
      token = lexer.next();
    }
    // The end is reported on the last line that has a token, where a truncated line is.
    int lastLine = tokens.isEmpty() ? token.line() : tokens.get(tokens.size() - 1).line();
    tokens.add(new Token(Kind.END, "", lastLine));
    return tokens;
  }

  private Token next() {
    skipSpaceAndComments();
    if (pos >= text.length()) {
      return new Token(Kind.END, "", line);
    }
    int start = pos;
    int startLine = line;
    char c = text.charAt(pos);
    if (text.startsWith("%{", pos)) {
      return delimited(Kind.CODE, "%{", "}%", "code block");
    }
    if (c == '"') {
      return delimited(Kind.STRING, "\"", "\"", "string");
    }
    if (c == '`') {
      return delimited(Kind.SHELL, "`", "`", "shell command");
    }
    if (text.startsWith("...", pos)) {
      pos += 3;
      return new Token(Kind.ELLIPSIS, "...", startLine);
    }
    if (text.startsWith("--", pos) && pos + 2 < text.length() && isWordChar(text.charAt(pos + 2))) {
      pos += 2;
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.OPTION, text.substring(start + 2, pos), startLine);
    }
    Token number = number(startLine);
    if (number != null) {
      return number;
    }
    if (isWordChar(c)) {
      while (pos < text.length() && isWordChar(text.charAt(pos))) {
        pos++;
      }
      return new Token(Kind.WORD, text.substring(start, pos), startLine);
    }
    pos++;
    return new Token(Kind.PUNCT, String.valueOf(c), startLine);
  }

  /** The longest of: IPv4 address, hex integer, float, integer; or null if none matches here. */
  private Token number(int startLine) {
    int start = pos;
    int p = pos;
    boolean negative = p < text.length() && text.charAt(p) == '-';
    if (negative) {
      p++;
    }
    if (!negative
        && text.startsWith("0x", p)
        && p + 2 < text.length()
        && isHex(text.charAt(p + 2))) {
      int end = p + 2;
      while (end < text.length() && isHex(text.charAt(end))) {
        end++;
      }
      if (end >= text.length() || !isWordChar(text.charAt(end))) {
        pos = end;
        return new Token(Kind.HEX, text.substring(start, end), startLine);
      }
    }
    int digitsEnd = skipDigits(p);
    if (!negative && digitsEnd > p) {
      int ipEnd = ipv4End(p);
      if (ipEnd > 0) {
        pos = ipEnd;
        return new Token(Kind.IPV4, text.substring(start, ipEnd), startLine);
      }
    }
    if (digitsEnd < text.length()
        && text.charAt(digitsEnd) == '.'
        && digitsEnd + 1 < text.length()
        && Character.isDigit(text.charAt(digitsEnd + 1))
        && !text.startsWith("...", digitsEnd)) {
      int end = skipDigits(digitsEnd + 1);
      pos = end;
      return new Token(Kind.FLOAT, text.substring(start, end), startLine);
    }
    if (digitsEnd > p) {
      int wordEnd = digitsEnd;
      while (wordEnd < text.length() && isWordChar(text.charAt(wordEnd))) {
        wordEnd++;
      }
      if (wordEnd > digitsEnd && !negative) {
        return null; // a word that starts with digits, such as "3way"
      }
      pos = digitsEnd;
      return new Token(Kind.INTEGER, text.substring(start, digitsEnd), startLine);
    }
    return null;
  }

  /** The end of an IPv4 address starting at {@code p}, or -1. */
  private int ipv4End(int p) {
    int end = p;
    for (int part = 0; part < 4; part++) {
      int digits = skipDigits(end);
      if (digits == end) {
        return -1;
      }
      end = digits;
      if (part < 3) {
        if (end >= text.length() || text.charAt(end) != '.') {
          return -1;
        }
        end++;
      }
    }
    return end;
  }

  private int skipDigits(int p) {
    while (p < text.length() && Character.isDigit(text.charAt(p))) {
      p++;
    }
    return p;
  }

  private Token delimited(Kind kind, String open, String close, String what) {
    int startLine = line;
    int contentStart = pos + open.length();
    int end = contentStart;
    while (true) {
      if (end >= text.length() || (kind == Kind.STRING && text.charAt(end) == '\n')) {
        throw new ScriptSyntaxException(file, startLine, "unterminated " + what);
      }
      if (kind != Kind.CODE && text.charAt(end) == '\\' && end + 1 < text.length()) {
        end += 2;
        continue;
      }
      if (text.startsWith(close, end)) {
        break;
      }
      end++;
    }
    String content = text.substring(contentStart, end);
    line += count(content, '\n');
    pos = end + close.length();
    return new Token(kind, kind == Kind.CODE ? content.strip() : content, startLine);
  }

  private void skipSpaceAndComments() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (text.startsWith("//", pos)) {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (text.startsWith("/*", pos)) {
        int end = text.indexOf("*/", pos + 2);
        if (end < 0) {
          throw new ScriptSyntaxException(file, line, "unterminated /* comment");
        }
        line += count(text.substring(pos, end), '\n');
        pos = end + 2;
      } else {
        return;
      }
    }
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
