package netsim.packetdrill;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Conditional lines: {@code #ifdef NAME}, {@code #ifndef NAME}, {@code #else} and {@code #endif},
 * with names defined on the command line ({@code -D NAME}). Lines left out, and the directives
 * themselves, become empty lines, so that line numbers in later messages stay those of the file.
 */
final class Preprocessor {
  private Preprocessor() {}

  /** One open {@code #ifdef}: whether its lines are kept, and whether {@code #else} was seen. */
  private static final class Block {
    final int line;
    final boolean outerActive;
    boolean active;
    boolean seenElse;

    Block(int line, boolean outerActive, boolean active) {
      this.line = line;
      this.outerActive = outerActive;
      this.active = active;
    }
  }

  /**
   * The script text with inactive lines blanked.
   *
   * @throws ScriptSyntaxException for an unknown directive, a stray {@code #else} or {@code
   *     #endif}, or an {@code #ifdef} left open
   */
  static String apply(String file, String text, Set<String> defines) {
    String[] lines = text.split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    Deque<Block> open = new ArrayDeque<>();
    for (int i = 0; i < lines.length; i++) {
      int lineNumber = i + 1;
      String line = lines[i];
      String trimmed = line.strip();
      boolean active = open.isEmpty() || open.peek().active;
      if (trimmed.startsWith("#")) {
        String[] words = trimmed.substring(1).strip().split("\\s+");
        String directive = words[0];
        switch (directive) {
          case "ifdef", "ifndef" -> {
            if (words.length != 2) {
              throw new ScriptSyntaxException(
                  file,
                  lineNumber,
                  "#" + directive + " needs exactly one name, got '" + trimmed + "'");
            }
            boolean defined = defines.contains(words[1]);
            boolean taken = directive.equals("ifdef") == defined;
            open.push(new Block(lineNumber, active, active && taken));
          }
          case "else" -> {
            Block block = open.peek();
            if (block == null) {
              throw new ScriptSyntaxException(file, lineNumber, "#else without #ifdef");
            }
            if (block.seenElse) {
              throw new ScriptSyntaxException(
                  file, lineNumber, "second #else for the #ifdef of line " + block.line);
            }
            block.seenElse = true;
            block.active = block.outerActive && !block.active;
          }
          case "endif" -> {
            if (open.isEmpty()) {
              throw new ScriptSyntaxException(file, lineNumber, "#endif without #ifdef");
            }
            open.pop();
          }
          default ->
              throw new ScriptSyntaxException(
                  file,
                  lineNumber,
                  "unknown directive '#" + directive + "' (known: #ifdef, #ifndef, #else, #endif)");
        }
        line = "";
      } else if (!active) {
        line = "";
      }
      out.append(line);
      if (i < lines.length - 1) {
        out.append('\n');
      }
    }
    if (!open.isEmpty()) {
      throw new ScriptSyntaxException(file, open.peek().line, "#ifdef without #endif");
    }
    return out.toString();
  }
}
