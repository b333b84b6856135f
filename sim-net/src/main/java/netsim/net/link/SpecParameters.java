package netsim.net.link;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import netsim.core.Time;
import org.jspecify.annotations.Nullable;

/**
 * The named parameters of one component as a config file gives them, as text (e.g. {@code target =
 * "5ms"}), read once into typed values with checks. Every error names the component and the
 * parameter; {@link #checkAllUsed()} rejects parameters the component does not know, listing the
 * ones it does.
 */
public final class SpecParameters {
  private final String component;
  private final Map<String, String> values;
  private final Set<String> known = new LinkedHashSet<>();

  /**
   * @param component the component's name for messages, e.g. "codel"
   * @param values the parameters by name
   */
  public SpecParameters(String component, Map<String, String> values) {
    this.component = checkNotNull(component, "component");
    this.values = new LinkedHashMap<>(checkNotNull(values, "parameters"));
  }

  /** A duration such as "5ms" in nanoseconds, or {@code defaultValue} when absent. */
  public long duration(String key, long defaultValue) {
    String text = text(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Time.parse(text);
    } catch (IllegalArgumentException e) {
      throw invalid(key, e.getMessage());
    }
  }

  /** A number, or {@code defaultValue} when absent. */
  public double decimal(String key, double defaultValue) {
    String text = text(key);
    return text == null ? defaultValue : parseDecimal(key, text);
  }

  /** A number that must be present. */
  public double decimal(String key) {
    return parseDecimal(key, required(key));
  }

  /** A whole number that must be present. */
  public long integer(String key) {
    return parseInteger(key, required(key));
  }

  /** A whole number, or {@code defaultValue} when absent. */
  public long integer(String key, long defaultValue) {
    String text = text(key);
    return text == null ? defaultValue : parseInteger(key, text);
  }

  private long parseInteger(String key, String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "'" + text + "' is not a whole number");
    }
  }

  /** "true" or "false", or {@code defaultValue} when absent. */
  public boolean bool(String key, boolean defaultValue) {
    String text = text(key);
    if (text == null) {
      return defaultValue;
    }
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw invalid(key, "'" + text + "' is neither true nor false");
    }
  }

  /** One of {@code choices}, or {@code defaultValue} when absent. */
  public String choice(String key, String defaultValue, String... choices) {
    String text = text(key);
    if (text == null) {
      return defaultValue;
    }
    for (String choice : choices) {
      if (choice.equals(text.trim())) {
        return choice;
      }
    }
    throw invalid(key, "'" + text + "' is not one of " + String.join(", ", choices));
  }

  /**
   * Checks that every parameter given was read: a parameter no getter asked for is a mistake.
   *
   * @throws IllegalArgumentException naming the first parameter no getter asked for, and the known
   *     ones
   */
  public void checkAllUsed() {
    for (String key : values.keySet()) {
      checkArgument(
          known.contains(key),
          "unknown parameter '%s' of %s (known: %s)",
          key,
          component,
          String.join(", ", known));
    }
  }

  private @Nullable String text(String key) {
    known.add(key);
    return values.get(key);
  }

  private String required(String key) {
    String text = text(key);
    checkArgument(text != null, "%s needs parameter '%s'", component, key);
    return text;
  }

  private double parseDecimal(String key, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "'" + text + "' is not a number");
    }
  }

  private IllegalArgumentException invalid(String key, @Nullable String problem) {
    return new IllegalArgumentException(component + " parameter '" + key + "': " + problem);
  }
}
