package netsim.cli;

import java.util.concurrent.Callable;
import netsim.scenario.config.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code netsim scenarios}: lists the built-in scenarios, one line each. */
@Command(
    name = "scenarios",
    mixinStandardHelpOptions = true,
    versionProvider = NetsimCommand.VersionProvider.class,
    description = "Lists the built-in scenarios; run one with 'netsim run NAME'.")
final class ScenariosCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    int width = 0;
    for (Scenarios.Scenario s : Scenarios.all()) {
      width = Math.max(width, s.name().length());
    }
    for (Scenarios.Scenario s : Scenarios.all()) {
      spec.commandLine()
          .getOut()
          .println(
              String.format(java.util.Locale.ROOT, "%-" + width + "s  %s", s.name(), s.summary()));
    }
    return ExitCodes.OK;
  }
}
