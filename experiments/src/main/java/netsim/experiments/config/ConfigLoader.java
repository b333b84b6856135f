package netsim.experiments.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads an experiment: the YAML text, the command-line overrides on top, and the defaults of the
 * reference file ({@code netsim/reference.yaml} on the classpath) under it, into a checked
 * {@link ExperimentConfig}.
 */
public final class ConfigLoader {
  /** Where every default lives, commented. */
  public static final String REFERENCE = "netsim/reference.yaml";

  private ConfigLoader() {}

  /** The reference document. */
  public static YamlDocument reference() {
    return YamlDocument.parse("reference.yaml", resource(REFERENCE));
  }

  /**
   * Reads {@code file} with {@code overrides}.
   *
   * @throws ConfigException for a missing file or any mistake in it, located
   */
  public static ExperimentConfig load(Path file, List<String> overrides) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), 0, 0, "", "no such file");
    } catch (IOException e) {
      throw new ConfigException(file.toString(), 0, 0, "", "cannot read: " + e.getMessage());
    }
    return load(file.toString(), text, overrides);
  }

  /** Reads YAML text named {@code name} (for messages) with {@code overrides}. */
  public static ExperimentConfig load(String name, String text, List<String> overrides) {
    YamlDocument document = YamlDocument.parse(name, text);
    if (!document.root().isObject()) {
      throw new ConfigException(name, 1, 1, "", "expected a mapping of "
          + String.join(", ", ConfigBinder.TOP));
    }
    Overrides.apply(document, overrides);
    return ConfigBinder.bind(document, reference());
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
