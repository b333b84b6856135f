package netsim.scenario.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads an experiment: the YAML text, the command-line overrides on top, and the defaults of the
 * reference file ({@code netsim/reference.yaml} on the classpath) under it, into a checked {@link
 * ExperimentConfig}.
 */
public final class ConfigLoader {
  /** Where every default lives, commented. */
  public static final String REFERENCE = "netsim/reference.yaml";

  private ConfigLoader() {}

  /** The reference document: read once and shared (nothing changes it; binding only reads). */
  public static YamlDocument reference() {
    return Reference.DOCUMENT;
  }

  private static final class Reference {
    static final YamlDocument DOCUMENT =
        YamlDocument.parseBuiltIn("reference.yaml", resource(REFERENCE));
  }

  /**
   * Reads {@code file} with {@code overrides}.
   *
   * @throws ConfigException for a missing file or any mistake in it, located
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    return load(file, overrides, warning -> {});
  }

  /**
   * Reads {@code file} with {@code overrides}, handing each {@link ConfigWarning} to {@code
   * warnings}.
   *
   * @throws ConfigException for a missing file or any mistake in it, located
   */
  public static ExperimentConfig load(
      Path file, List<String> overrides, Consumer<ConfigWarning> warnings) {
    return load(YamlDocument.load(file), overrides, warnings);
  }

  /**
   * The text of a config file: a regular file (not a device or a pipe, which may never end) of at
   * most {@link InputLimits#MAX_DOCUMENT_BYTES}, in UTF-8. Reading stops at the limit.
   *
   * @throws ConfigException for a missing or unreadable file, one too long (located where the limit
   *     falls) or a byte that is not UTF-8 (located at it)
   */
  public static String read(Path file) {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new ConfigException(name, 0, 0, "", "a directory, not a config file");
    }
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new ConfigException(
          name,
          0,
          0,
          "",
          "not a regular file (a device, pipe or socket" + " may never end): a config is a file");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(InputLimits.MAX_DOCUMENT_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, 0, 0, "", "no such file");
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read: " + e.getMessage());
    }
    if (bytes.length > InputLimits.MAX_DOCUMENT_BYTES) {
      int[] at = lineAndColumn(bytes, InputLimits.MAX_DOCUMENT_BYTES);
      throw new ConfigException(
          name,
          at[0],
          at[1],
          "",
          "the file is longer than "
              + InputLimits.MAX_DOCUMENT_BYTES
              + " bytes (1 MiB), the most a config may hold");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      int[] at = lineAndColumn(bytes, offset);
      throw new ConfigException(
          name,
          at[0],
          at[1],
          "",
          String.format(
              Locale.ROOT,
              "not UTF-8: the byte"
                  + " 0x%02X at offset %d does not belong here (a config file is UTF-8 text)",
              bytes[offset] & 0xFF,
              offset));
    }
    return out.flip().toString();
  }

  /** The 1-based {line, column} of byte {@code offset} of UTF-8 {@code bytes}. */
  private static int[] lineAndColumn(byte[] bytes, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++; // a character starts here (not a continuation byte)
      }
    }
    return new int[] {line, column};
  }

  /** Reads YAML text named {@code name} (for messages) with {@code overrides}. */
  public static ExperimentConfig load(String name, String text, List<String> overrides) {
    return load(name, text, overrides, warning -> {});
  }

  /**
   * Reads YAML text named {@code name} with {@code overrides}, handing each {@link ConfigWarning}
   * to {@code warnings}.
   */
  public static ExperimentConfig load(
      String name, String text, List<String> overrides, Consumer<ConfigWarning> warnings) {
    return load(YamlDocument.parse(name, text), overrides, warnings);
  }

  private static ExperimentConfig load(
      YamlDocument document, List<String> overrides, Consumer<ConfigWarning> warnings) {
    if (!document.root().isObject()) {
      throw new ConfigException(
          document.name(),
          1,
          1,
          "",
          "expected a mapping of " + String.join(", ", ConfigBinder.TOP));
    }
    Overrides.apply(document, overrides);
    ExperimentConfig config = ConfigBinder.bind(document, reference());
    RunSize.check(config, document, Runtime.getRuntime().maxMemory());
    document.warnings().forEach(warnings);
    return config;
  }

  /** The text of a classpath resource. */
  public static String resource(String path) {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
