package netsim.experiments.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes one file atomically: under a temporary name ({@code .NAME.partial}) in the same
 * directory, then renamed. A reader, or a resumed sweep, sees the old file or the whole new one,
 * never half of it.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = dir.resolve("." + file.getFileName() + ".partial");
    try {
      Files.write(partial, content);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
