package netsim.cli;

import picocli.CommandLine;

/**
 * Reads an option's value with a parser of netsim's own, so that a wrong value is a usage error
 * like any other (exit status 2, picocli's "Invalid value for option" line with the parser's
 * reason), never an exception escaping the command.
 *
 * @param <T> the value's type
 */
abstract class ValueConverter<T> implements CommandLine.ITypeConverter<T> {
  /**
   * The value {@code text} names.
   *
   * @throws IllegalArgumentException saying why it names none
   */
  abstract T parse(String text);

  @Override
  public final T convert(String text) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
