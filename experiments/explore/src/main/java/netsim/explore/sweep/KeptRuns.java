package netsim.explore.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code netsim sweep --keep trace,pcap,...}: the outputs of {@code netsim run} a sweep keeps for
 * every run, each run's in its own directory {@code kept/NNNNNN_PATH=VALUE_..._seed=SEED}, named
 * from its index, its parameters' values (their labels, or the names plots give mappings) and its
 * seed. A run is finished only when its directory is there too, so that a resumed sweep (or one
 * asked to keep more than before) runs again the runs whose outputs are missing.
 */
public final class KeptRuns {
  /** The directory's name inside a sweep directory. */
  public static final String DIR = "kept";

  /** What can be kept, each the {@code outputs} key of {@code netsim run} that writes it. */
  public enum Kind {
    /** {@code trace.jsonl}. */
    TRACE("trace", "trace", "trace.jsonl"),
    /** A pcap per host and per capture point ({@code outputs.capture}). */
    PCAP("pcap", "pcap", ".pcap"),
    /** {@code summary.json} and {@code flows.csv}. */
    SUMMARY("summary", "summary", "summary.json"),
    /** {@code ladder.svg}. */
    LADDER("ladder", "ladder", "ladder.svg"),
    /** {@code timeseq.svg}, {@code cwnd.svg} and the time series' plots. */
    PLOTS("plots", "plots", null),
    /** {@code timeseries.csv} (needs {@code outputs.interval}). */
    TIMESERIES("timeseries", "interval", "timeseries.csv");

    final String word;
    final String key;
    final String file;

    Kind(String word, String key, String file) {
      this.word = word;
      this.key = key;
      this.file = file;
    }

    /** The name {@code --keep} takes. */
    public String word() {
      return word;
    }
  }

  private final Path dir;
  private final Set<Kind> kinds;

  /**
   * @param sweepDir the sweep's directory
   * @param kinds what to keep; none keeps nothing
   */
  public KeptRuns(Path sweepDir, Set<Kind> kinds) {
    this.dir = sweepDir.resolve(DIR);
    this.kinds = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
  }

  /**
   * Reads {@code --keep}'s list: names separated by commas.
   *
   * @throws IllegalArgumentException naming an unknown name and the known ones
   */
  public static Set<Kind> parse(String list) {
    Set<Kind> kinds = EnumSet.noneOf(Kind.class);
    for (String word : list.split(",", -1)) {
      String name = word.trim().toLowerCase(Locale.ROOT);
      Kind found = null;
      for (Kind kind : Kind.values()) {
        if (kind.word.equals(name)) {
          found = kind;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException(
            "--keep: unknown output '" + word.trim() + "' (known: " + known() + ")");
      }
      kinds.add(found);
    }
    return kinds;
  }

  /** The names {@code --keep} takes, in order. */
  public static String known() {
    List<String> words = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      words.add(kind.word);
    }
    return String.join(", ", words);
  }

  /** Whether this keeps anything. */
  public boolean any() {
    return !kinds.isEmpty();
  }

  public Set<Kind> kinds() {
    return EnumSet.copyOf(kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : kinds);
  }

  /**
   * The {@code outputs.*} overrides that make a run write exactly what is kept, or nothing when
   * nothing is; {@code interval} is the file's {@code outputs.interval} (kept as is for the time
   * series).
   */
  List<String> overrides() {
    List<String> overrides = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (kind == Kind.TIMESERIES) {
        if (!kinds.contains(kind)) {
          overrides.add("outputs.interval=0");
        }
      } else {
        overrides.add("outputs." + kind.key + "=" + kinds.contains(kind));
      }
    }
    if (!kinds.contains(Kind.PCAP)) {
      overrides.add("outputs.capture=[]");
    }
    return overrides;
  }

  /** The directory of {@code run} with the value {@code names} (one per parameter, in order). */
  Path directory(RunSpec run, List<String> paths, List<String> names) {
    StringBuilder name = new StringBuilder(String.format(Locale.ROOT, "%06d", run.index()));
    for (int j = 0; j < paths.size(); j++) {
      name.append('_').append(slug(paths.get(j))).append('=').append(slug(names.get(j)));
    }
    String tail = "_seed=" + run.seed();
    String whole = name.toString();
    // A file name has at most 255 bytes: long values are cut (the index keeps names distinct).
    if (whole.length() + tail.length() > 200) {
      whole = whole.substring(0, 200 - tail.length());
    }
    return dir.resolve(whole + tail);
  }

  /**
   * Letters, digits and {@code . - + [ ]} as they are; any run of other characters one {@code -},
   * none at either end.
   */
  static String slug(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = c < 128 && (Character.isLetterOrDigit(c) || ".-+[]".indexOf(c) >= 0);
      if (plain) {
        out.append(c);
      } else if (out.length() == 0 || out.charAt(out.length() - 1) != '-') {
        out.append('-');
      }
    }
    int start = out.length() > 0 && out.charAt(0) == '-' ? 1 : 0;
    int end =
        out.length() > start && out.charAt(out.length() - 1) == '-'
            ? out.length() - 1
            : out.length();
    return out.substring(start, end);
  }

  /**
   * Whether {@code directory} holds every kept output that names one file (a trace, a summary, a
   * pcap ...), so that a run kept with fewer outputs before is run again.
   */
  boolean complete(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    for (Kind kind : kinds) {
      if (kind.file == null) {
        continue; // plots: only for runs that carry data
      }
      if (kind.file.startsWith(".")) {
        try (Stream<Path> files = Files.list(directory)) {
          if (files.noneMatch(f -> f.getFileName().toString().endsWith(kind.file))) {
            return false;
          }
        }
      } else if (!Files.isRegularFile(directory.resolve(kind.file))) {
        return false;
      }
    }
    return true;
  }
}
