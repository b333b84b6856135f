package netsim.explore.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import netsim.report.files.AtomicFile;
import netsim.report.files.OutputPaths;

/**
 * {@code netsim merge}: combines the directories of a sweep's shares ({@code netsim sweep --shard
 * K/N}, run anywhere) into one sweep directory with the same files, byte for byte, that one machine
 * running the whole sweep would have written. Refuses directories of different configs or netsim
 * versions, runs given twice, and runs missing, each with a sentence saying which.
 */
public final class ShardMerge {
  /** What a merge wrote. */
  public record Outcome(SweepManifest manifest, List<Path> inputs, SweepOutputs.Written written) {}

  private ShardMerge() {}

  /**
   * Merges {@code inputs} into {@code out}.
   *
   * @throws SweepException when the inputs are not the shares of one sweep, complete
   */
  public static Outcome merge(List<Path> inputs, Path out) throws IOException {
    if (inputs.isEmpty()) {
      throw new SweepException("nothing to merge: give the directories of the shares");
    }
    List<SweepManifest> manifests = new ArrayList<>();
    for (Path input : inputs) {
      SweepManifest m = new SweepDirectory(input).manifest();
      if (m == null) {
        throw new SweepException(
            input + " has no " + SweepManifest.FILE + ": not the output of" + " netsim sweep");
      }
      manifests.add(m);
    }
    SweepManifest first = manifests.get(0);
    for (int i = 1; i < inputs.size(); i++) {
      SweepManifest m = manifests.get(i);
      if (!m.configSha256().equals(first.configSha256())) {
        throw new SweepException(
            inputs.get(i)
                + " holds a sweep of another config (config"
                + " sha256 "
                + SweepException.shortHash(m.configSha256())
                + ") than "
                + inputs.get(0)
                + " ("
                + SweepException.shortHash(first.configSha256())
                + "): they"
                + " are not shares of one sweep");
      }
      if (!m.netsim().equals(first.netsim())) {
        throw new SweepException(
            inputs.get(i)
                + " was run by netsim "
                + m.netsim()
                + ", "
                + inputs.get(0)
                + " by netsim "
                + first.netsim()
                + ": their results may differ");
      }
    }
    String definition =
        Files.readString(inputs.get(0).resolve(SweepDirectory.CONFIG), StandardCharsets.UTF_8);
    if (!Sha256.hex(definition).equals(first.configSha256())) {
      throw new SweepException(
          inputs.get(0).resolve(SweepDirectory.CONFIG)
              + " does not match"
              + " the config hash of its "
              + SweepManifest.FILE
              + " (was it edited?)");
    }
    SortedMap<Long, Path> runs = new TreeMap<>();
    Map<Long, Path> from = new TreeMap<>();
    for (Path input : inputs) {
      for (Map.Entry<Long, Path> run : new RunStore(input).finished().entrySet()) {
        if (run.getKey() >= first.runs()) {
          throw new SweepException(
              run.getValue()
                  + ": run "
                  + run.getKey()
                  + " is not in this"
                  + " sweep of "
                  + first.runs()
                  + " runs");
        }
        Path before = from.put(run.getKey(), input);
        if (before != null) {
          throw new SweepException(
              "run "
                  + run.getKey()
                  + " is in both "
                  + before
                  + " and "
                  + input
                  + ": give each share once");
        }
        runs.put(run.getKey(), run.getValue());
      }
    }
    if (runs.size() != first.runs()) {
      TreeSet<Long> missing = new TreeSet<>();
      for (long run = 0; run < first.runs(); run++) {
        if (!runs.containsKey(run)) {
          missing.add(run);
        }
      }
      TreeSet<String> shares = new TreeSet<>();
      manifests.forEach(m -> shares.add(m.share().isAll() ? "whole" : m.share().toString()));
      throw new SweepException(
          missing.size()
              + " of "
              + first.runs()
              + " runs are missing ("
              + sample(missing)
              + "): was every share given, and did each finish? Shares given: "
              + String.join(", ", shares)
              + ". A share that stopped resumes when its netsim sweep"
              + " command runs again.");
    }
    SweepManifest whole = first.whole();
    SweepDirectory target = new SweepDirectory(out);
    target.removeLeftovers();
    SweepManifest existing = target.manifest();
    if (existing == null) {
      target.checkEmpty();
    } else if (!existing.configSha256().equals(whole.configSha256()) || !existing.share().isAll()) {
      throw new SweepException(
          OutputPaths.forDisplay(out)
              + " already holds "
              + (existing.share().isAll()
                  ? "a sweep of another config"
                  : "share " + existing.share() + " of a sweep")
              + ": merge into a new directory");
    }
    // Every run file is checked before anything is written: each must hold the run it names.
    List<RunRecord> records = new ArrayList<>();
    for (Map.Entry<Long, Path> run : runs.entrySet()) {
      records.add(RunStore.read(run.getValue(), whole, run.getKey()));
    }
    AtomicFile.write(out.resolve(SweepManifest.FILE), whole.text());
    AtomicFile.write(out.resolve(SweepDirectory.CONFIG), definition);
    for (Map.Entry<Long, Path> run : runs.entrySet()) {
      Path copy = target.runs().file(run.getKey());
      if (!Files.exists(copy) || !Files.isSameFile(copy, run.getValue())) {
        AtomicFile.write(copy, Files.readAllBytes(run.getValue()));
      }
    }
    return new Outcome(whole, List.copyOf(inputs), SweepOutputs.write(out, whole, records));
  }

  /** "3, 7, 11, ... and 4 more". */
  private static String sample(SortedSet<Long> runs) {
    List<String> shown = new ArrayList<>();
    for (long run : runs) {
      if (shown.size() == 8) {
        break;
      }
      shown.add(Long.toString(run));
    }
    int more = runs.size() - shown.size();
    return "run"
        + (runs.size() == 1 ? " " : "s ")
        + String.join(", ", shown)
        + (more > 0 ? " and " + more + " more" : "");
  }
}
