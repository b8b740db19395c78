package io.flep.plugin.api.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The validated, typed options of one plugin, made by {@link ParameterSet#validate}. Reading them needs no string
 * parsing: {@code values.get(KEY_BITS)} returns the {@code Integer} given, else the host-supplied default
 * ({@link #withDefault}), else the declared default.
 *
 * <p>Guarantees: every value is within its parameter's domain and the whole satisfies the set's
 * {@linkplain Constraint constraints}; immutable and thread-safe; {@link #toString()} prints the values (options
 * are configuration, not secrets).
 */
public final class ParameterValues {
  private final String pluginId;
  private final ParameterSet set;
  /** Values given explicitly, by parameter name. */
  private final Map<String, Object> explicit;
  /** Defaults supplied by the host for parameters not given explicitly, by name. */
  private final Map<String, Object> hostDefaults;
  /** Where each explicit value or host default came from, by name; absent if unknown. */
  private final Map<String, String> sources;

  ParameterValues(String pluginId, ParameterSet set, Map<String, Object> explicit, Map<String, Object> hostDefaults,
      Map<String, String> sources) {
    this.pluginId = pluginId;
    this.set = set;
    this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
    this.hostDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(hostDefaults));
    this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** The plugin these options are for. */
  public String pluginId() {
    return pluginId;
  }

  /** The declarations they were validated against. */
  public ParameterSet parameterSet() {
    return set;
  }

  /**
   * The value of {@code parameter}: given, else host default, else declared default.
   *
   * @throws IllegalArgumentException if the set does not declare this parameter (same name and declaration)
   * @throws NoSuchElementException if it has no value: not given and without default (use {@link #find})
   */
  public <T> T get(Parameter<T> parameter) {
    return find(parameter).orElseThrow(() -> new NoSuchElementException(
        "option '" + parameter.name() + "' of " + pluginId + " is not set and has no default"));
  }

  /**
   * The value of {@code parameter} as for {@link #get}, or empty if it has none.
   *
   * @throws IllegalArgumentException if the set does not declare this parameter
   */
  public <T> Optional<T> find(Parameter<T> parameter) {
    requireDeclared(parameter);
    Object v = explicit.containsKey(parameter.name()) ? explicit.get(parameter.name())
        : hostDefaults.get(parameter.name());
    return v != null ? Optional.of(parameter.cast(v)) : parameter.defaultValue();
  }

  /**
   * Whether the option was given explicitly (host defaults do not count).
   *
   * @throws IllegalArgumentException if the set does not declare this parameter
   */
  public boolean isSet(Parameter<?> parameter) {
    requireDeclared(parameter);
    return explicit.containsKey(parameter.name());
  }

  /**
   * These values with {@code value} as the default of {@code parameter}, used unless the option was given
   * explicitly. For a host that derives a default from its context (e.g. a key's contributor headroom from the
   * number of analysts) without knowing how the plugin spells or parses it. The value is checked like a given one.
   *
   * @param source where the value comes from, for messages, e.g. {@code "the run's 5 analysts"}; may be null
   * @throws IllegalArgumentException if the set does not declare this parameter
   * @throws InvalidPluginOptionException if the value is outside the domain, or the result breaks a constraint
   */
  public <T> ParameterValues withDefault(Parameter<T> parameter, T value, String source) {
    requireDeclared(parameter);
    Objects.requireNonNull(value, "value");
    if (!parameter.allows(value)) {
      throw InvalidPluginOptionException.invalidValue(pluginId, parameter, parameter.format(value), source);
    }
    if (isSet(parameter)) {
      return this;
    }
    Map<String, Object> defaults = new LinkedHashMap<>(hostDefaults);
    defaults.put(parameter.name(), value);
    Map<String, String> newSources = new LinkedHashMap<>(sources);
    newSources.remove(parameter.name());
    if (source != null && !source.isBlank()) {
      newSources.put(parameter.name(), source);
    }
    ParameterValues result = new ParameterValues(pluginId, set, explicit, defaults, newSources);
    result.checkConstraints();
    return result;
  }

  /**
   * The effective values (given, host default or declared default) by name, in declaration order, as JDK-only
   * values a JSON library can write (String, Integer, Double, Boolean, List of String); parameters without a value
   * are left out. Unmodifiable.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Parameter<?> p : set.parameters()) {
      describeInto(out, p);
    }
    return Collections.unmodifiableMap(out);
  }

  private <T> void describeInto(Map<String, Object> out, Parameter<T> p) {
    find(p).ifPresent(v -> out.put(p.name(), p.describeValue(v)));
  }

  /** @throws InvalidPluginOptionException naming the first constraint, in declaration order, that fails */
  void checkConstraints() {
    for (Constraint c : set.constraints()) {
      boolean holds;
      try {
        holds = c.holds(this);
      } catch (RuntimeException e) {
        throw new IllegalStateException("constraint '" + c.description() + "' of " + pluginId + " failed: " + e, e);
      }
      if (!holds) {
        String got = c.parameters().stream().map(this::formatted).collect(Collectors.joining(", "));
        Set<String> from = new LinkedHashSet<>();
        c.parameters().forEach(p -> Optional.ofNullable(sources.get(p.name())).ifPresent(from::add));
        throw InvalidPluginOptionException.constraint(pluginId, c.parameters().get(0).name(), c.description(), got,
            from.isEmpty() ? null : String.join(", ", from));
      }
    }
  }

  private <T> String formatted(Parameter<T> p) {
    return p.name() + "=" + find(p).map(p::format).orElse("(unset)");
  }

  private void requireDeclared(Parameter<?> parameter) {
    Objects.requireNonNull(parameter, "parameter");
    if (!set.declares(parameter)) {
      throw new IllegalArgumentException(pluginId + " declares no parameter " + parameter
          + set.parameter(parameter.name()).map(p -> " (it declares " + p + ")").orElse(""));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterValues v && v.pluginId.equals(pluginId) && v.set.equals(set)
        && v.explicit.equals(explicit) && v.hostDefaults.equals(hostDefaults);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pluginId, set, explicit, hostDefaults);
  }

  /** E.g. {@code paillier{keyBits=3072, fractionBits=20}}: effective values in declaration order. */
  @Override
  public String toString() {
    return pluginId + set.parameters().stream().filter(p -> find(p).isPresent()).map(this::formatted)
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
