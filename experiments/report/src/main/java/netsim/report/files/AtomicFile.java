package netsim.report.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes one file atomically: under a temporary name in the same directory ({@link Scratch}), then
 * renamed. A reader, or a resumed sweep, sees the old file or the whole new one, never half of it;
 * a temporary file left by a killed process is removed by the next run.
 */
public final class AtomicFile {
  private AtomicFile() {}

  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path partial = Scratch.beside(file, Scratch.Kind.PARTIAL);
    try {
      Files.write(partial, content);
      PausePoint.reach("rename:", file.getFileName().toString());
      Scratch.commit(
          () -> {
            Files.move(
                partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Scratch.release(partial);
            return null;
          });
    } catch (Throwable e) {
      Scratch.deleteQuietly(partial);
      throw e;
    }
  }

  public static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
