package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sweep file says about its points: {@code label:} per value (shown in results.csv, the
 * plots and kept runs' directories), {@code zip:} for parameters that vary together, and {@code
 * constraint:} to skip combinations; each mistake located like any config mistake, and the results
 * the same bytes on every run.
 */
class SweepOptionsTest {
  @TempDir Path dir;

  private static final String BASE = ConfigCase.BASE;

  /** Sweeps and validates BASE with {@code sweep}; returns the refusal, trimmed. */
  private String refusal(String sweep) {
    return SweepFiles.refusal(dir, BASE + sweep);
  }

  /** The small sweep's experiment (a 30 KB transfer), with {@code sweep} as its sweep section. */
  private static String small(String sweep) {
    String experiment = SweepFiles.SMALL.substring(0, SweepFiles.SMALL.indexOf("sweep:"));
    return experiment + sweep;
  }

  /** Runs the sweep in {@code text} into {@code out}; returns results.csv without its comment. */
  private String results(String text, String out) throws IOException {
    String file = SweepFiles.write(dir, "exp.yaml", text);
    Cli.Result run = Cli.run("sweep", file, "--out", dir.resolve(out).toString());
    assertThat(run.exit()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve(out).resolve("results.csv"));
    return String.join("\n", lines.subList(1, lines.size())) + "\n";
  }

  /** results.csv's rows, the seed and metric columns cut: run, point, repetition, values. */
  private static String points(String results, int values) {
    StringBuilder out = new StringBuilder();
    for (String line : results.split("\n")) {
      List<String> cells = List.of(line.split(",", -1));
      out.append(String.join(",", cells.subList(0, 3)))
          .append(',')
          .append(String.join(",", cells.subList(4, 4 + values)))
          .append('\n');
    }
    return out.toString();
  }

  @Test
  void labels_nameMappingValues_inResultsAndPlots_andRunTheValue() throws IOException {
    String text =
        small(
            """
            sweep:
              parameters:
                links[0].queue:
                  - {value: {kind: droptail, packets: 100}, label: deep}
                  - {value: {kind: droptail, packets: 4}, label: shallow}
            """);
    String results = results(text, "labels");
    assertThat(points(results, 1))
        .isEqualTo(
            """
            run,point,repetition,links[0].queue
            0,0,0,deep
            1,1,0,shallow
            """);
    assertThat(Files.readString(dir.resolve("labels/summary.csv"))).contains("\n0,deep,");
    assertThat(dir.resolve("labels/plots/goodput_bps-vs-links-0-queue.svg")).isRegularFile();
    String config = Files.readString(dir.resolve("labels/config.json"));
    assertThat(config).contains("\"labels\"").contains("\"packets\": 4");
    // The label is a name; the value is what runs: a shallow queue drops, a deep one does not.
    String[] deep = results.split("\n")[1].split(",");
    String[] shallow = results.split("\n")[2].split(",");
    assertThat(deep[7]).as("retransmissions with 100 packets").isEqualTo("0");
    assertThat(Long.parseLong(shallow[7])).as("retransmissions with 4 packets").isPositive();
  }

  @Test
  void labels_andZipAndConstraint_giveTheSameBytesOnEveryRun() throws IOException {
    String text =
        small(
            """
            sweep:
              parameters:
                links[0].delay: [5ms, 10ms, 20ms]
                links[0].bandwidth: [{value: 2Mbps, label: slow}, {value: 20Mbps, label: fast}]
                stop.at: [20s, 30s, 40s]
              zip: ["links[0].delay", stop.at]
              constraint: links[0].delay < 20ms or links[0].bandwidth == fast
              repetitions: 2
            """);
    String first = results(text, "first");
    String second = results(text, "second");
    assertThat(second).isEqualTo(first);
    SweepFiles.assertSameFiles(dir.resolve("first"), dir.resolve("second"));
  }

  @Test
  void zip_variesItsParametersTogether_inTheOrderOfTheFirst() throws IOException {
    String text =
        small(
            """
            sweep:
              parameters:
                links[0].delay: [5ms, 10ms, 20ms]
                tcp.congestionControl: [newreno, cubic]
                stop.at: [20s, 30s, 40s]
              zip: [["links[0].delay", stop.at]]
            """);
    assertThat(points(results(text, "zip"), 3))
        .isEqualTo(
            """
            run,point,repetition,links[0].delay,tcp.congestionControl,stop.at
            0,0,0,5ms,newreno,20s
            1,1,0,5ms,cubic,20s
            2,2,0,10ms,newreno,30s
            3,3,0,10ms,cubic,30s
            4,4,0,20ms,newreno,40s
            5,5,0,20ms,cubic,40s
            """);
  }

  @Test
  void constraint_skipsTheCombinationsItRejects() throws IOException {
    String text =
        small(
            """
            sweep:
              parameters:
                links[0].delay: [5ms, 10ms, 20ms]
                links[0].queue:
                  - {value: {kind: droptail, packets: 100}, label: deep}
                  - {value: {kind: droptail, packets: 10}, label: shallow}
                tcp.congestionControl: [newreno, cubic]
              constraint: >-
                (links[0].delay >= 0.01s and links[0].queue != shallow)
                or (links[0].queue.packets < 50 and tcp.congestionControl == 'cubic')
            """);
    assertThat(points(results(text, "constraint"), 3))
        .isEqualTo(
            """
            run,point,repetition,links[0].delay,links[0].queue,tcp.congestionControl
            0,0,0,5ms,shallow,cubic
            1,1,0,10ms,deep,newreno
            2,2,0,10ms,deep,cubic
            3,3,0,10ms,shallow,cubic
            4,4,0,20ms,deep,newreno
            5,5,0,20ms,deep,cubic
            6,6,0,20ms,shallow,cubic
            """);
  }

  @Test
  void aZipOfUnequalLengths_isLocatedAtTheParameterThatDiffers() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms, 20ms]
                        links[0].loss: [0, 0.01]
                      zip: ["links[0].delay", "links[0].loss"]
                    """))
        .isEqualTo(
            "netsim: exp.yaml:14:27: sweep.zip[1]: the parameters of a zip vary together, so"
                + " they need as many values each: links[0].delay has 3, links[0].loss has 2");
  }

  @Test
  void aZipOfAnUnknownParameter_namesTheParameters() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                        links[0].loss: [0, 0.01]
                      zip:
                        - ["links[0].delay", "links[0].los"]
                    """))
        .isEqualTo(
            "netsim: exp.yaml:15:26: sweep.zip[0][1]: no parameter named 'links[0].los'"
                + " (parameters: links[0].delay, links[0].loss)");
  }

  @Test
  void aParameterZippedTwice_isRefused() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                        links[0].loss: [0, 0.01]
                        stop.at: [1s, 2s]
                      zip:
                        - ["links[0].delay", "links[0].loss"]
                        - [stop.at, "links[0].loss"]
                    """))
        .isEqualTo(
            "netsim: exp.yaml:17:17: sweep.zip[1][1]: the parameter 'links[0].loss' is zipped"
                + " twice (first at sweep.zip[0][1])");
  }

  @Test
  void aConstraintMistake_isLocatedAtItsCharacter() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                      constraint: links[0].delay < 10ms and link[0].loss > 0
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:41: sweep.constraint: no parameter named 'link[0].loss'"
                + " (parameters: links[0].delay)");
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                      constraint: "links[0].delay =< 10ms"
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:31: sweep.constraint: unknown operator '=' (known: == != < <="
                + " > >=)");
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                      constraint: links[0].delay < 10ms and
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:40: sweep.constraint: expected a parameter or a value; the"
                + " expression ends");
  }

  @Test
  void aConstraintThatCannotCompare_orRejectsEverything_isRefused() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        tcp.congestionControl: [newreno, cubic]
                      constraint: tcp.congestionControl < 5ms
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:37: sweep.constraint: cannot order tcp.congestionControl"
                + " (newreno) and 5ms: < compares numbers, or durations, rates or sizes of one"
                + " kind");
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].delay: [5ms, 10ms]
                      constraint: links[0].delay > 1s
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:3: sweep.constraint: no combination of the parameters' values"
                + " satisfies the constraint: nothing to run");
  }

  @Test
  void labelsThatRepeat_orALabelThatIsNoName_areRefused() {
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].loss:
                          - {value: 0, label: none}
                          - {value: 0.01, label: none}
                    """))
        .isEqualTo(
            "netsim: exp.yaml:14:23: sweep.parameters.links[0].loss[1].label: two values are"
                + " shown as 'none': give each value its own label");
    assertThat(
            refusal(
                """
                    sweep:
                      parameters:
                        links[0].loss:
                          - {value: 0, label: [a]}
                    """))
        .isEqualTo(
            "netsim: exp.yaml:13:20: sweep.parameters.links[0].loss[0].label: expected a short"
                + " name for the value, such as red-50; got a list");
  }

  @Test
  void aSweepExtendingAnExperiment_runsIt_andAMistakeInTheBaseIsLocatedThere() throws IOException {
    String experiment = SweepFiles.SMALL.substring(0, SweepFiles.SMALL.indexOf("sweep:"));
    SweepFiles.write(dir, "base.yaml", experiment);
    String text =
        """
        extends: base.yaml
        name: family
        sweep:
          parameters:
            links[0].delay: [5ms, 10ms]
        """;
    assertThat(points(results(text, "family"), 1))
        .isEqualTo(
            """
            run,point,repetition,links[0].delay
            0,0,0,5ms
            1,1,0,10ms
            """);
    SweepFiles.write(dir, "base.yaml", experiment.replace("bandwidth: 10Mbps", "bandwidth: fast"));
    String file = SweepFiles.write(dir, "exp.yaml", text);
    Cli.Result run = Cli.run("sweep", file, "--out", dir.resolve("refused").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().replace(dir + "/", ""))
        .startsWith("netsim: base.yaml:8:28: links[0].bandwidth: invalid rate 'fast'");
  }
}
