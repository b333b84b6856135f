package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The part of Python that Linux's scripts use in %{ }% blocks: read and evaluated on integers. */
class PyCodeTest {
  private static final Map<String, Long> FIELDS =
      Map.of("tcpi_snd_cwnd", 10L, "tcpi_rtt", 150_000L, "tcpi_options", 0x7L, "cwnd", 8L);

  private static long holds(String condition) {
    PyCode.Assert check = (PyCode.Assert) PyCode.parse("assert " + condition).get(0);
    return PyCode.evaluate(check.condition(), FIELDS::get);
  }

  @Test
  void comparisons_chainsAndBitwiseAnd_evaluateToOneOrZero() {
    assertThat(holds("tcpi_snd_cwnd == 10")).isEqualTo(1);
    assertThat(holds("tcpi_snd_cwnd != 10")).isZero();
    assertThat(holds("100000 <= tcpi_rtt <= 200000")).isEqualTo(1);
    assertThat(holds("100000 <= tcpi_rtt <= 140000")).isZero();
    assertThat(holds("(tcpi_options & 0x4) != 0")).isEqualTo(1);
    assertThat(holds("tcpi_snd_cwnd == cwnd + 2 and not tcpi_rtt < 0")).isEqualTo(1);
  }

  @Test
  void statements_ofLinuxScripts_withCommentsContinuationsAndMessages() {
    List<PyCode.Statement> statements =
        PyCode.parse(
            "print(tcpi_snd_cwnd); cwnd += 2; assert tcpi_snd_cwnd == cwnd, tcpi_snd_cwnd\n"
                + "# a comment line\n"
                + "assert tcpi_snd_cwnd == 10, 'cwnd=%d' % tcpi_snd_cwnd  # trailing\n"
                + "assert 1 <= tcpi_rtt, 'rtt: %d %d' % (tcpi_rtt, tcpi_min_rtt);\\\n"
                + "TCP_INFINITE_SSTHRESH = 0x7fffffff\\");
    assertThat(statements)
        .hasSize(6)
        .element(1)
        .isEqualTo(new PyCode.Assign("cwnd", "+", new PyCode.Num(2)));
    assertThat(((PyCode.Assert) statements.get(2)).text()).isEqualTo("tcpi_snd_cwnd == cwnd");
    assertThat(statements.get(5))
        .isEqualTo(new PyCode.Assign("TCP_INFINITE_SSTHRESH", "", new PyCode.Num(0x7fffffffL)));
  }

  @Test
  void messages_areNotEvaluated_soTheirNamesAreNotNeeded() {
    PyCode.Assert check =
        (PyCode.Assert) PyCode.parse("assert tcpi_snd_cwnd == 10, tcpi_min_rtt").get(0);
    List<String> names = new java.util.ArrayList<>();
    PyCode.names(check.condition(), names::add);
    assertThat(names).containsExactly("tcpi_snd_cwnd");
  }

  @Test
  void pythonBeyondTheSubset_isNotEvaluable_withWhatItUses() {
    assertThatThrownBy(() -> PyCode.parse("import os"))
        .isInstanceOf(PyCode.NotEvaluable.class)
        .hasMessage(
            "the statement 'import os' (netsim evaluates assert, assignments and print of tcpi_*"
                + " fields)");
    assertThatThrownBy(() -> PyCode.parse("assert tcpi_rtt / 2 == 1"))
        .hasMessageContaining("true division");
    assertThatThrownBy(() -> PyCode.parse("assert info.tcpi_rtt == 1"))
        .hasMessageContaining("'info.'");
    assertThatThrownBy(() -> PyCode.parse("assert tcpi_rtt == 'x'"))
        .hasMessage("a string in a condition");
    assertThatThrownBy(() -> PyCode.parse("assert tcpi_rtt == 1.5"))
        .hasMessageContaining("floating-point");
  }
}
