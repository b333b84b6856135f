package netsim.packetdrill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import netsim.core.Time;
import netsim.tcp.TcpConfig;
import org.junit.jupiter.api.Test;

/** What a script's shell lines do to the simulated host: settings applied, or why not. */
class ShellCommandsTest {
  private static List<String> described(String line) {
    return ShellCommands.interpret(line).stream().map(ShellEffect::describe).toList();
  }

  private static TcpConfig applied(String line) {
    TcpConfig.Builder builder = Profile.linux().tcp().toBuilder();
    for (ShellEffect effect : ShellCommands.interpret(line)) {
      assertThat(effect.kind()).as(effect.describe()).isEqualTo(ShellEffect.Kind.APPLIED);
      effect.change().accept(builder);
    }
    return builder.build();
  }

  @Test
  void theSuitesDefaultsAndRestoreScripts_haveNoEffect() {
    assertThat(ShellCommands.interpret("../../common/defaults.sh\n"))
        .extracting(ShellEffect::kind)
        .containsExactly(ShellEffect.Kind.NO_EFFECT);
    assertThat(ShellCommands.interpret("/tmp/sysctl_restore_${PPID}.sh"))
        .extracting(ShellEffect::kind)
        .containsExactly(ShellEffect.Kind.NO_EFFECT);
  }

  @Test
  void linuxSettings_inEveryFormTheSuiteWrites_areApplied() {
    TcpConfig config =
        applied(
            "sysctl -q net.ipv4.tcp_timestamps=0 \\\n  net.ipv4.tcp_sack=0\n"
                + " ../common/set_sysctls.py /proc/sys/net/ipv4/tcp_wmem=\"4096 50000 4194304\" \\\n"
                + "   /proc/sys/net/ipv4/tcp_window_scaling=0; sysctl -w net/ipv4/tcp_rfc1337=1");
    assertThat(config.timestamps()).isFalse();
    assertThat(config.sackPermitted()).isFalse();
    assertThat(config.sendBuffer()).isEqualTo(50000);
    assertThat(config.windowScaling()).isFalse();
    assertThat(config.receiveBuffer()).as("an unscaled window says at most 65535").isEqualTo(65535);
    assertThat(config.rfc1337()).isTrue();
  }

  @Test
  void freebsdSettings_areApplied() {
    TcpConfig config =
        applied(
            "sysctl net.inet.tcp.rfc1323=3 net.inet.tcp.delacktime=100"
                + " net.inet.tcp.rexmit_min=30 net.inet.tcp.insecure_rst=0");
    assertThat(config.timestamps()).isTrue();
    assertThat(config.windowScaling()).isFalse();
    assertThat(config.delayedAckTimeout()).isEqualTo(100 * Time.MILLISECOND);
    assertThat(config.minRto()).isEqualTo(30 * Time.MILLISECOND);
    assertThat(config.rstChallengeAcks()).isTrue();
  }

  @Test
  void freebsdInsecureKnobs_eachTurnRfc5961OffForTheirSegmentAlone() {
    TcpConfig rst = applied("sysctl -w net.inet.tcp.insecure_rst=1");
    assertThat(rst.rstChallengeAcks()).isFalse();
    assertThat(rst.synChallengeAcks()).isTrue();
    TcpConfig syn = applied("sysctl -w net.inet.tcp.insecure_syn=1");
    assertThat(syn.rstChallengeAcks()).isTrue();
    assertThat(syn.synChallengeAcks()).isFalse();
    assertThat(described("sysctl -w net.inet.tcp.insecure_syn=1"))
        .containsExactly("net.inet.tcp.insecure_syn=1: applied (tcp.insecureSyn = true)");
  }

  @Test
  void freebsdDropSynfin_isAppliedBothWays() {
    assertThat(applied("sysctl -w net.inet.tcp.drop_synfin=1").dropSynFin()).isTrue();
    assertThat(applied("sysctl -w net.inet.tcp.drop_synfin=0").dropSynFin()).isFalse();
    assertThat(described("sysctl -w net.inet.tcp.drop_synfin=1"))
        .containsExactly("net.inet.tcp.drop_synfin=1: applied (tcp.dropSynFin = true)");
  }

  @Test
  void freebsdSocketTableCommands_areChecks_andTcpdropIsNotModelled() {
    assertThat(described("sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1"))
        .containsExactly(
            "sockstat -4 -P tcp -s | grep packetdril | grep -c TIME_WAIT | grep 1: checked"
                + " (reads the model's socket table as FreeBSD's sockstat lists it)");
    assertThat(described("sockstat -4 -P tcp -u | grep -c TIME_WAIT"))
        .containsExactly(
            "sockstat -4 -P tcp -u | grep -c TIME_WAIT: not modelled (sockstat option -u is not"
                + " evaluated on the model's socket table)");
    assertThat(described("sockstat -4 -s | awk '{print $9}'"))
        .containsExactly(
            "sockstat -4 -s | awk '{print $9}': not modelled (the pipeline's command awk"
                + " '{print $9}' is not evaluated on the model's socket table)");
  }

  @Test
  void tcpdrop_byStateAllOrAddress_dropsAsTcpDropDoes() {
    assertThat(described("tcpdrop -s TIME_WAIT"))
        .containsExactly(
            "tcpdrop -s TIME_WAIT: applied (drops every connection in TIME_WAIT as tcp_drop does"
                + " (RST,ACK; ECONNABORTED))");
    assertThat(described("tcpdrop -a"))
        .containsExactly(
            "tcpdrop -a: applied (drops every connection not listening as tcp_drop does (RST,ACK;"
                + " ECONNABORTED))");
    assertThat(described("tcpdrop 192.168.0.1 8080 192.0.2.1 49999"))
        .containsExactly(
            "tcpdrop 192.168.0.1 8080 192.0.2.1 49999: applied (drops the connection"
                + " 192.168.0.1:8080 192.0.2.1:49999 as tcp_drop does (RST,ACK; ECONNABORTED))");
    assertThat(described("tcpdrop 192.168.0.1:8080 192.0.2.1.49999"))
        .containsExactly(
            "tcpdrop 192.168.0.1:8080 192.0.2.1.49999: applied (drops the connection"
                + " 192.168.0.1:8080 192.0.2.1:49999 as tcp_drop does (RST,ACK; ECONNABORTED))");
    assertThat(described("tcpdrop -S rack"))
        .containsExactly(
            "tcpdrop -S rack: applied (drops nothing: every connection of the model runs FreeBSD's"
                + " default stack, freebsd)");
  }

  @Test
  void tcpdrop_listingOrByCongestionControl_dropsNothingOrIsNotModelled() {
    assertThat(described("tcpdrop -l -s LAST_ACK"))
        .containsExactly(
            "tcpdrop -l -s LAST_ACK: no effect (tcpdrop -l prints the commands that would drop the"
                + " connections)");
    assertThat(described("tcpdrop -C newreno"))
        .containsExactly(
            "tcpdrop -C newreno: not modelled (tcpdrop -C (by congestion control algorithm) is not"
                + " modelled)");
    assertThat(described("tcpdrop www.example.com 80 192.0.2.1 49999"))
        .containsExactly(
            "tcpdrop www.example.com 80 192.0.2.1 49999: not modelled (tcpdrop of an address that"
                + " is not a numeric IPv4 address and port)");
  }

  @Test
  void tcpdrop_wrongUse_isItsUsageError() {
    assertThat(described("tcpdrop -s LISTEN"))
        .containsExactly(
            "tcpdrop -s LISTEN: applied (fails: tcpdrop's usage error (-s needs a state other than"
                + " CLOSED and LISTEN, got LISTEN))");
    assertThat(described("tcpdrop -a -s TIME_WAIT"))
        .containsExactly(
            "tcpdrop -a -s TIME_WAIT: applied (fails: tcpdrop's usage error (-a goes with neither"
                + " -s nor -S))");
    assertThat(described("tcpdrop 192.168.0.1 8080"))
        .containsExactly(
            "tcpdrop 192.168.0.1 8080: applied (fails: tcpdrop's usage error (8080 is not an"
                + " address and a port))");
  }

  @Test
  void freebsdBufferAndCacheKnobs_areAppliedOrHaveNoEffect() {
    TcpConfig config =
        applied("sysctl -w net.inet.tcp.recvspace=65536 net.inet.tcp.sendspace=32768");
    assertThat(config.receiveBuffer()).isEqualTo(65536);
    assertThat(config.sendBuffer()).isEqualTo(32768);
    assertThat(described("sysctl -w kern.ipc.maxsockbuf=2097152"))
        .containsExactly(
            "kern.ipc.maxsockbuf=2097152: no effect (FreeBSD's default, the largest buffer of the"
                + " freebsd profile)");
    assertThat(described("sysctl -w kern.ipc.maxsockbuf=4194304"))
        .containsExactly(
            "kern.ipc.maxsockbuf=4194304: not modelled (the largest socket buffer is the"
                + " profile's, 2 MiB (FreeBSD's default))");
    assertThat(described("sysctl -w net.inet.tcp.hostcache.purgenow=1"))
        .containsExactly(
            "net.inet.tcp.hostcache.purgenow=1: no effect (the model keeps no per-destination"
                + " metrics)");
  }

  @Test
  void routeAttributesTheModelHas_areApplied() {
    TcpConfig config =
        applied("ip route change 192.0.2.1 via 192.168.0.2 dev tun0 advmss 600 initcwnd 11");
    assertThat(config.mss()).isEqualTo(600);
    assertThat(config.initialWindow()).isEqualTo(11);
  }

  @Test
  void dsack_isTheProfilesDsackSetting() {
    assertThat(applied("sysctl -q net.ipv4.tcp_dsack=0").profile().dsack()).isFalse();
    assertThat(described("sysctl -q net.ipv4.tcp_dsack=1"))
        .containsExactly("net.ipv4.tcp_dsack=1: applied (tcp.dsack = true)");
  }

  @Test
  void turningOffWhatTheModelLacks_hasNoEffect_butTurningItOn_isNotModelled() {
    assertThat(described("sysctl -q net.ipv4.tcp_frto=0"))
        .containsExactly(
            "net.ipv4.tcp_frto=0: no effect (turns off F-RTO (RFC 5682), which the model does not"
                + " do)");
    assertThat(described("sysctl -q net.ipv4.tcp_ecn=1  # fully enabled"))
        .containsExactly("net.ipv4.tcp_ecn=1: applied (tcp.ecn = on)");
    assertThat(described("sysctl net.inet.tcp.ecn.enable=2"))
        .containsExactly("net.inet.tcp.ecn.enable=2: applied (tcp.ecn = passive)");
    assertThat(described("sysctl -q net.ipv4.tcp_ecn=3"))
        .containsExactly(
            "net.ipv4.tcp_ecn=3: not modelled (ECN modes other than 0, 1 and 2 (AccECN))");
    assertThat(described("tc qdisc replace dev tun0 root fq"))
        .containsExactly(
            "tc qdisc replace dev tun0 root fq: not modelled (the fq qdisc paces segments; netsim"
                + " has no pacing)");
  }

  @Test
  void removingTheRootQdisc_hasNoEffect_andAQueueThatRefusesEverything_changesTheHost() {
    assertThat(
            described(
                "tc qdisc delete dev tun0 root 2>/dev/null ; tc qdisc add dev tun0 root pfifo"
                    + " limit 0"))
        .containsExactly(
            "tc qdisc delete dev tun0 root 2>/dev/null: no effect (removes the root qdisc: the"
                + " host's default queue, which the model has)",
            "tc qdisc add dev tun0 root pfifo limit 0: applied (the host's queue refuses every"
                + " packet: nothing leaves, new data is retried by the probe timer every 500 ms"
                + " (Linux's resource probes, tcp_send_probe0))");
    assertThat(described("tc qdisc add dev tun0 root netem delay 10ms"))
        .containsExactly(
            "tc qdisc add dev tun0 root netem delay 10ms: not modelled (queueing disciplines (tc)"
                + " on the host are not modelled)");
  }

  @Test
  void hyStartDetect_linuxsDefaultHasNoEffect_andOnlySomeTestsAreNotModelled() {
    assertThat(described("echo 3 > /sys/module/tcp_cubic/parameters/hystart_detect"))
        .containsExactly(
            "tcp_cubic.parameters.hystart_detect=3: no effect (Linux's default: the linux"
                + " profile's CUBIC runs both HyStart tests)");
    assertThat(described("echo 2 > /sys/module/tcp_cubic/parameters/hystart_detect"))
        .containsExactly(
            "tcp_cubic.parameters.hystart_detect=2: not modelled (HyStart with only some of its"
                + " tests)");
  }

  @Test
  void tcpRecovery_choosesBetweenRackTlpAndPrr_andTheDefaultEarlyRetransIsTlp() {
    assertThat(applied("sysctl -q net.ipv4.tcp_recovery=0").sackRecovery()).isEqualTo("prr");
    assertThat(described("sysctl -q net.ipv4.tcp_recovery=1"))
        .containsExactly("net.ipv4.tcp_recovery=1: applied (tcp.sackRecovery = rack-tlp)");
    assertThat(described("sysctl -q net.ipv4.tcp_recovery=4"))
        .containsExactly(
            "net.ipv4.tcp_recovery=4: not modelled (tcp_recovery is modelled as 0 (no RACK) or 1"
                + " (RACK-TLP), not its other bits)");
    assertThat(described("sysctl -q net.ipv4.tcp_early_retrans=3"))
        .containsExactly(
            "net.ipv4.tcp_early_retrans=3: no effect (tail loss probes, as sackRecovery rack-tlp"
                + " sends)");
    assertThat(described("sysctl -q net.ipv4.tcp_early_retrans=0"))
        .containsExactly(
            "net.ipv4.tcp_early_retrans=0: not modelled (RACK without tail loss probes is not"
                + " modelled (tcp_recovery=0 turns both off))");
  }

  @Test
  void unknownCommandsAndKnobs_areReportedAsUnknown() {
    assertThat(described("sysctl -q net.ipv4.tcp_bogus=1 && /bin/rm -f /tmp/x"))
        .containsExactly("net.ipv4.tcp_bogus=1: unknown", "/bin/rm -f /tmp/x: unknown");
  }
}
