package netsim.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;

class SkipReasonsTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final SkipReasons listener =
      new SkipReasons(new PrintStream(printed, true, StandardCharsets.UTF_8));

  private static TestIdentifier test(String name) {
    TestDescriptor descriptor =
        new AbstractTestDescriptor(UniqueId.root("test", name), name) {
          @Override
          public Type getType() {
            return Type.TEST;
          }
        };
    return TestIdentifier.from(descriptor);
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anAbortedTest_isOneLine_withItsReason_withoutJUnitsPrefix() {
    listener.executionFinished(
        test("decodes()"),
        TestExecutionResult.aborted(
            new TestAbortedException("Assumption failed: skipped, because tshark cannot run")));
    assertThat(printed()).isEqualTo("decodes() skipped, because tshark cannot run\n");
  }

  @Test
  void aReasonInOtherWords_isIntroducedBySkipped() {
    listener.executionSkipped(test("old()"), "not on this platform");
    assertThat(printed()).isEqualTo("old() skipped: not on this platform\n");
  }

  @Test
  void anAbortWithoutAMessage_saysSo() {
    listener.executionFinished(test("t()"), TestExecutionResult.aborted(null));
    assertThat(printed()).isEqualTo("t() skipped: no reason given\n");
  }

  @Test
  void passedAndFailedTests_printNothing() {
    listener.executionFinished(test("a()"), TestExecutionResult.successful());
    listener.executionFinished(test("b()"), TestExecutionResult.failed(new AssertionError("x")));
    assertThat(printed()).isEmpty();
  }
}
