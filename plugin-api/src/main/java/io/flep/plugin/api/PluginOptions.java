package io.flep.plugin.api;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Immutable string options for a plugin, built from BPMN task headers or command-line flags. Values are
 * trimmed; typed getters return the default when an option is absent and throw {@link IllegalArgumentException}
 * naming the option and the offending value when it cannot be parsed. Options are configuration, not secrets:
 * {@link #toString()} prints them.
 */
public final class PluginOptions {
  private static final PluginOptions EMPTY = new PluginOptions(Map.of());
  private final Map<String, String> values;

  private PluginOptions(Map<String, String> values) {
    this.values = values;
  }

  /** No options: every getter returns its default. */
  public static PluginOptions empty() {
    return EMPTY;
  }

  /**
   * Copies the given map. Null keys or values are rejected.
   *
   * @throws IllegalArgumentException if a key or value is null or a key is blank
   */
  public static PluginOptions of(Map<String, String> options) {
    Objects.requireNonNull(options, "options");
    TreeMap<String, String> copy = new TreeMap<>();
    options.forEach(
        (k, v) -> {
          if (k == null || k.isBlank()) {
            throw new IllegalArgumentException("plugin option names must not be blank");
          }
          if (v == null) {
            throw new IllegalArgumentException("plugin option '" + k + "' has no value");
          }
          copy.put(k.trim(), v.trim());
        });
    return new PluginOptions(Collections.unmodifiableMap(copy));
  }

  /** A copy with one option added or replaced. */
  public PluginOptions with(String name, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(name, value);
    return of(copy);
  }

  /** Whether the option is present. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Option names, sorted. */
  public Set<String> names() {
    return values.keySet();
  }

  /** All options as an unmodifiable sorted map. */
  public Map<String, String> asMap() {
    return values;
  }

  public String getString(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  /** @throws IllegalArgumentException if present and not a decimal {@code int} */
  public int getInt(String name, int defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  /** @throws IllegalArgumentException if present and not a decimal {@code long} */
  public long getLong(String name, long defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw bad(name, v, "an integer");
    }
  }

  /** @throws IllegalArgumentException if present and not a finite number */
  public double getDouble(String name, double defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw bad(name, v, "a finite number");
  }

  /** Accepts {@code true}/{@code false} in any case. @throws IllegalArgumentException for anything else */
  public boolean getBoolean(String name, boolean defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(name, v, "true or false");
    };
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException("plugin option '" + name + "' must be " + expected + ", got '" + value + "'");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PluginOptions other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return "PluginOptions" + values;
  }
}
