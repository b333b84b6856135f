package netsim.packetdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs packetdrill scripts against netsim's TCP model. Each script gets a fresh endpoint (one
 * {@link netsim.tcp.TcpStack} in its own virtual time) configured by the options' profile; its
 * socket calls drive the endpoint's API, its {@code <} lines inject segments and its {@code >}
 * lines check the segments the endpoint sends. See {@code docs/packetdrill.md}.
 *
 * <pre>{@code
 * Report report = PacketdrillRunner.run(List.of(Path.of("test.pkt")), Options.defaults());
 * }</pre>
 */
public final class PacketdrillRunner {
  private PacketdrillRunner() {}

  /** Runs every script, in order. A script that cannot be read is an ERROR in the report. */
  public static Report run(List<Path> scripts, Options options) {
    List<ScriptResult> results = new ArrayList<>(scripts.size());
    for (Path script : scripts) {
      results.add(run(script, options));
    }
    return new Report(options.profile().name(), results);
  }

  /** Runs one script file; its name in the result is the path as given. */
  public static ScriptResult run(Path script, Options options) {
    String text;
    try {
      text = Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new ScriptResult(
          script.toString(),
          ScriptResult.Status.ERROR,
          0,
          "cannot read the script: " + e,
          "",
          "",
          List.of());
    } catch (UncheckedIOException e) {
      return new ScriptResult(
          script.toString(),
          ScriptResult.Status.ERROR,
          0,
          "cannot read the script: " + e.getCause(),
          "",
          "",
          List.of());
    }
    return run(script.toString(), text, options);
  }

  /** Runs a script given as text, named {@code name} in the result. */
  public static ScriptResult run(String name, String text, Options options) {
    Script script;
    try {
      script = ScriptParser.parse(name, text, options.defines());
    } catch (ScriptSyntaxException e) {
      return new ScriptResult(
          name, ScriptResult.Status.ERROR, e.line(), e.problem(), "", "", List.of());
    } catch (UnsupportedFeatureException e) {
      return new ScriptResult(
          name, ScriptResult.Status.UNSUPPORTED, e.line(), e.getMessage(), "", "", List.of());
    }
    return new ScriptRun(script, options).run();
  }
}
