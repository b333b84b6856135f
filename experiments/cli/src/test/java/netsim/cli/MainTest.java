package netsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

/** The entry point's settings of picocli. */
class MainTest {
  @Test
  void everyOptionAndParameter_keepsItsConverter_whenTheUnusedOnesAreLeftOut() {
    List<ArgSpec> args = new ArrayList<>();
    collect(NetsimCommand.commandLine(), args);
    assertThat(args).hasSizeGreaterThan(20);
    for (ArgSpec arg : args) {
      List<Class<?>> types = new ArrayList<>(List.of(arg.type()));
      types.addAll(List.of(arg.auxiliaryTypes()));
      for (Class<?> type : types) {
        for (String excluded : Main.UNUSED_CONVERTERS.split(",")) {
          assertThat(type.getName())
              .as("%s of %s", arg, arg.command().qualifiedName())
              .doesNotMatch(excluded);
        }
      }
    }
  }

  private static void collect(CommandLine command, List<ArgSpec> into) {
    into.addAll(command.getCommandSpec().args());
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }
}
