package netsim.packetdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Where the suite's scripts live in the source tree, and how to list them. */
final class SuiteFiles {
  /** The suite's directory, relative to the packetdrill module (Maven's working directory). */
  static final Path ROOT = Path.of("src", "test", "resources", "packetdrill");

  private SuiteFiles() {}

  /** Every {@code .pkt} file under the suite, as paths relative to {@link #ROOT}, sorted. */
  static List<String> scripts() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".pkt"))
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
