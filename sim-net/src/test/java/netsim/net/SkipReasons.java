package netsim.net;

import java.io.PrintStream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints each skipped test with its reason ("skipped, because tshark cannot run here: ...") on the
 * test's standard output, which Failsafe puts in the build log: Maven's summary only counts the
 * skips, and the reasons would otherwise be found only in {@code target/*-reports}. The JUnit
 * Platform finds it through {@code META-INF/services}, in every module whose tests have sim-net's
 * test-jar on their classpath.
 */
public final class SkipReasons implements TestExecutionListener {
  private static final String ASSUMPTION_PREFIX = "Assumption failed: ";

  private final PrintStream out;

  /** The one the JUnit Platform loads: prints on standard output. */
  public SkipReasons() {
    this(System.out);
  }

  SkipReasons(PrintStream out) {
    this.out = out;
  }

  @Override
  public void executionSkipped(TestIdentifier test, String reason) {
    print(test, reason);
  }

  @Override
  public void executionFinished(TestIdentifier test, TestExecutionResult result) {
    if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
      print(test, result.getThrowable().map(Throwable::getMessage).orElse("no reason given"));
    }
  }

  /** One line, e.g. "tsharkReadsEveryPacket() skipped, because tshark cannot run here: ...". */
  private void print(TestIdentifier test, String reason) {
    String why =
        reason.startsWith(ASSUMPTION_PREFIX)
            ? reason.substring(ASSUMPTION_PREFIX.length())
            : reason;
    String separator = why.startsWith("skipped") ? " " : " skipped: ";
    out.println(test.getLegacyReportingName() + separator + why);
  }
}
