package netsim.packetdrill;

/**
 * One lexical token of a script, with the line it starts on.
 *
 * @param text the token's text; for strings, shell commands and code, the text between the
 *     delimiters; for options, the name after {@code --}
 */
record Token(Kind kind, String text, int line) {

  /** The kinds of token packetdrill's language has. */
  enum Kind {
    INTEGER,
    FLOAT,
    HEX,
    WORD,
    STRING,
    SHELL,
    CODE,
    OPTION,
    IPV4,
    ELLIPSIS,
    PUNCT,
    END
  }

  boolean is(Kind expected) {
    return kind == expected;
  }

  /** Whether this is the punctuation character {@code c}. */
  boolean isPunct(char c) {
    return kind == Kind.PUNCT && text.charAt(0) == c;
  }

  /** Whether this is the word {@code word} (case-sensitive, as packetdrill's keywords are). */
  boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  /** The token as a message shows it: {@code 'ack'}, or {@code end of script}. */
  String describe() {
    return switch (kind) {
      case END -> "end of script";
      case STRING -> "\"" + text + "\"";
      case SHELL -> "`" + text + "`";
      case CODE -> "%{ code }%";
      case OPTION -> "'--" + text + "'";
      default -> "'" + text + "'";
    };
  }
}
