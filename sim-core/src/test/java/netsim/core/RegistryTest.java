package netsim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RegistryTest {
  private record Colour(String name, int rgb) {}

  private final Registry<Colour> colours =
      Registry.<Colour>builder("colour")
          .register("red", new Colour("red", 0xFF0000))
          .register("green", new Colour("green", 0x00FF00))
          .register("blue", new Colour("blue", 0x0000FF))
          .build();

  @Test
  void get_knownName_returnsWhatWasRegistered() {
    assertThat(colours.get("green")).isEqualTo(new Colour("green", 0x00FF00));
  }

  @Test
  void get_factoryEntry_returnsTheFactory() {
    Registry<Supplier<StringBuilder>> builders =
        Registry.<Supplier<StringBuilder>>builder("builder")
            .register("empty", StringBuilder::new)
            .build();

    assertThat(builders.get("empty").get()).isEmpty();
  }

  @Test
  void get_unknownName_failsListingTheKnownNamesInRegistrationOrder() {
    assertThatThrownBy(() -> colours.get("gren"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown colour 'gren' (known: red, green, blue)");
  }

  @Test
  void get_null_failsListingTheKnownNames() {
    assertThatThrownBy(() -> colours.get(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown colour 'null' (known: red, green, blue)");
  }

  @Test
  void unknownMessage_showsTheNameAsTheCallerQuotedIt() {
    assertThat(colours.unknownMessage("'a\\nb'"))
        .isEqualTo("unknown colour 'a\\nb' (known: red, green, blue)");
  }

  @Test
  void names_keepRegistrationOrder_notAlphabetical() {
    assertThat(colours.names()).containsExactly("red", "green", "blue");
  }

  @Test
  void contains_isTrueForRegisteredNamesOnly() {
    assertThat(colours.contains("blue")).isTrue();
    assertThat(colours.contains("Blue")).isFalse();
    assertThat(colours.contains(null)).isFalse();
  }

  @Test
  void kind_isWhatTheRegistryWasStartedWith() {
    assertThat(colours.kind()).isEqualTo("colour");
  }

  @Test
  void register_sameNameTwice_isRefused() {
    Registry.Builder<Colour> builder =
        Registry.<Colour>builder("colour").register("red", new Colour("red", 0xFF0000));

    assertThatThrownBy(() -> builder.register("red", new Colour("red", 0xFE0000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("colour 'red' registered twice");
  }

  @Test
  void build_laterRegistrations_doNotChangeABuiltRegistry() {
    Registry.Builder<Colour> builder =
        Registry.<Colour>builder("colour").register("red", new Colour("red", 0xFF0000));
    Registry<Colour> built = builder.build();

    builder.register("green", new Colour("green", 0x00FF00));

    assertThat(built.names()).containsExactly("red");
  }
}
