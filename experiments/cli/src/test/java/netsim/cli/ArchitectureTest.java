package netsim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md, checked on the main classes of every module (this module's tests
 * see them all): each layer uses only the layers below it (sim-tcp and sim-udp side by side), no
 * two packages depend on each other, and sim-net names no TCP type. A rule that fails names each
 * offending dependency, class and line.
 */
class ArchitectureTest {

  /** The main classes of every module: not the tests, nor the test jars other modules share. */
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(location -> !location.contains("-tests.jar"))
          .importPackages("netsim");

  @Test
  void eachLayer_usesOnlyTheLayersBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture()
        .layer("core")
        .definedBy("netsim.core..")
        .layer("net")
        .definedBy("netsim.net..")
        .layer("tcp")
        .definedBy("netsim.tcp..")
        .layer("udp")
        .definedBy("netsim.udp..")
        .layer("scenario")
        .definedBy("netsim.scenario..")
        .layer("packetdrill")
        .definedBy("netsim.packetdrill..")
        .layer("report")
        .definedBy("netsim.report..")
        .layer("explore")
        .definedBy("netsim.explore..")
        .layer("cli")
        .definedBy("netsim.cli..")
        .whereLayer("core")
        .mayNotAccessAnyLayer()
        .whereLayer("net")
        .mayOnlyAccessLayers("core")
        .whereLayer("tcp")
        .mayOnlyAccessLayers("core", "net")
        .whereLayer("udp")
        .mayOnlyAccessLayers("core", "net")
        .whereLayer("scenario")
        .mayOnlyAccessLayers("core", "net", "tcp", "udp")
        .whereLayer("packetdrill")
        .mayOnlyAccessLayers("core", "net", "tcp")
        .whereLayer("report")
        .mayOnlyAccessLayers("core", "net", "tcp", "udp", "scenario")
        .whereLayer("explore")
        .mayOnlyAccessLayers("core", "net", "tcp", "udp", "scenario", "report")
        .whereLayer("cli")
        .mayOnlyAccessLayers(
            "core", "net", "tcp", "udp", "scenario", "packetdrill", "report", "explore")
        .check(MAIN);
  }

  /**
   * Within sim-net, lowest first: packets, fault rules, links, the network, captures. A link
   * direction and a fault chain work through narrow sinks, so they need no network.
   */
  @Test
  void simNetPackages_useOnlyThePackagesBelowThem() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("packet")
        .definedBy("netsim.net.packet..")
        .layer("fault")
        .definedBy("netsim.net.fault..")
        .layer("link")
        .definedBy("netsim.net.link..")
        .layer("network")
        .definedBy("netsim.net")
        .layer("pcap")
        .definedBy("netsim.net.pcap..")
        .whereLayer("packet")
        .mayNotAccessAnyLayer()
        .whereLayer("fault")
        .mayOnlyAccessLayers("packet")
        .whereLayer("link")
        .mayOnlyAccessLayers("packet", "fault")
        .whereLayer("network")
        .mayOnlyAccessLayers("packet", "fault", "link")
        .whereLayer("pcap")
        .mayOnlyAccessLayers("packet", "fault", "link", "network")
        .check(MAIN);
  }

  @Test
  void packages_areFreeOfCycles() {
    slices().matching("netsim.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void simNet_dependsOnNoTcpType() {
    noClasses()
        .that()
        .resideInAPackage("netsim.net..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("netsim.tcp..")
        .check(MAIN);
  }
}
