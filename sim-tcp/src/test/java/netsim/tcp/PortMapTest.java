package netsim.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The primitive port map behind listener lookups and ports in use. */
class PortMapTest {
  private final PortMap<String> map = new PortMap<>();

  @Test
  void portsPutInAnyOrder_areEachFound_andOthersAreNot() {
    int[] ports = {80, 5, 65535, 443, 1, 8080, 22};
    for (int port : ports) {
      map.put(port, "p" + port);
    }
    for (int port : ports) {
      assertThat(map.get(port)).isEqualTo("p" + port);
      assertThat(map.containsKey(port)).isTrue();
    }
    assertThat(map.get(81)).isNull();
    assertThat(map.containsKey(0)).isFalse();
    assertThat(map.size()).isEqualTo(7);
  }

  @Test
  void remove_forgetsOnlyThatPort_andThePortMayBePutAgain() {
    map.put(80, "a");
    map.put(443, "b");
    map.put(22, "c");
    map.remove(80);
    map.remove(9999);
    assertThat(map.get(80)).isNull();
    assertThat(map.get(443)).isEqualTo("b");
    assertThat(map.get(22)).isEqualTo("c");
    assertThat(map.size()).isEqualTo(2);
    map.put(80, "a again");
    assertThat(map.get(80)).isEqualTo("a again");
  }

  @Test
  void put_ofAMappedPort_isRefused() {
    map.put(80, "a");
    assertThatThrownBy(() -> map.put(80, "b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("port 80 is mapped already");
    assertThat(map.get(80)).isEqualTo("a");
  }
}
