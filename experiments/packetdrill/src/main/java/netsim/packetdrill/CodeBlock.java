package netsim.packetdrill;

import java.util.List;

/**
 * A {@code %{ python }%} block. netsim runs no Python, but it evaluates the small part of Python
 * that Linux's scripts use to check a connection's {@code tcp_info}: {@code assert} of comparisons
 * of {@code tcpi_*} fields and numbers, assignments to variables and {@code print} (see {@link
 * PyCode}). Anything else leaves the block unsupported, with the reason.
 *
 * @param code the block's text
 * @param statements the statements, or an empty list when unsupported
 * @param unsupported why netsim cannot evaluate the block, or null
 */
record CodeBlock(String code, List<PyCode.Statement> statements, String unsupported)
    implements Action {

  /** The block of {@code code}, with its statements or the reason it is unsupported. */
  static CodeBlock parse(String code) {
    try {
      return new CodeBlock(code, PyCode.parse(code), null);
    } catch (PyCode.NotEvaluable e) {
      return new CodeBlock(code, List.of(), "%{ python }% code: " + e.getMessage());
    }
  }
}
