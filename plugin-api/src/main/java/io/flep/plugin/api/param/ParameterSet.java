package io.flep.plugin.api.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The declared parameters of one plugin, in declaration order, plus the {@linkplain Constraint constraints}
 * between them. The host validates raw options from every source (command line, task headers, process variables)
 * with {@link #validate} before the plugin sees them, and describes them with {@link #describe()} (e.g. for
 * {@code flep plugins --json}).
 *
 * <p>Guarantees, checked when the set is made: names are unique, also ignoring case (so a case-insensitive "did you
 * mean" is never ambiguous); every parameter has a description; every constraint names only declared parameters
 * and holds for the defaults alone, so {@code validate(id, Map.of())} never fails. Immutable and thread-safe.
 */
public final class ParameterSet {
  private static final ParameterSet NONE = new ParameterSet(List.of(), List.of(), List.of());

  private final List<Parameter<?>> parameters;
  private final Map<String, Parameter<?>> byName;
  private final List<Constraint> constraints;
  private final List<Hint> hints;

  /** Extra words for unknown options starting with {@code prefix} (compared ignoring case). */
  private record Hint(String prefix, String text) {}

  private ParameterSet(List<Parameter<?>> parameters, List<Constraint> constraints, List<Hint> hints) {
    this.parameters = List.copyOf(parameters);
    this.constraints = List.copyOf(constraints);
    this.hints = List.copyOf(hints);
    Map<String, Parameter<?>> names = new LinkedHashMap<>();
    for (Parameter<?> p : this.parameters) {
      for (String known : names.keySet()) {
        if (known.equalsIgnoreCase(p.name())) {
          throw new IllegalArgumentException("parameter '" + p.name() + "' is declared twice"
              + (known.equals(p.name()) ? "" : " (as '" + known + "'; names must differ in more than case)"));
        }
      }
      if (p.description().isEmpty()) {
        throw new IllegalArgumentException("parameter '" + p.name() + "' has no description");
      }
      names.put(p.name(), p);
    }
    this.byName = Collections.unmodifiableMap(names);
    for (Constraint c : this.constraints) {
      for (Parameter<?> p : c.parameters()) {
        if (!declares(p)) {
          throw new IllegalArgumentException("constraint '" + c.description() + "' names undeclared parameter " + p);
        }
      }
    }
    if (!this.constraints.isEmpty()) {
      try {
        defaults("(defaults)");
      } catch (InvalidPluginOptionException e) {
        throw new IllegalArgumentException("the declared defaults break a constraint: " + e.getMessage(), e);
      }
    }
  }

  /** The set of a plugin that takes no options. */
  public static ParameterSet none() {
    return NONE;
  }

  /**
   * These parameters, in this order.
   *
   * @throws IllegalArgumentException if two names are equal ignoring case or a parameter has no description
   */
  public static ParameterSet of(Parameter<?>... parameters) {
    return of(List.of(parameters));
  }

  /** As {@link #of(Parameter...)}. */
  public static ParameterSet of(List<? extends Parameter<?>> parameters) {
    return new ParameterSet(new ArrayList<>(parameters), List.of(), List.of());
  }

  /**
   * A copy with one more constraint, checked after those added before.
   *
   * @throws IllegalArgumentException if it names a parameter this set does not declare, or the defaults break it
   */
  public ParameterSet withConstraint(Constraint constraint) {
    Objects.requireNonNull(constraint, "constraint");
    List<Constraint> more = new ArrayList<>(constraints);
    more.add(constraint);
    return new ParameterSet(parameters, more, hints);
  }

  /**
   * A copy that explains unknown options whose name starts with {@code namePrefix} (ignoring case), e.g. a
   * parameter a related plugin has and this one deliberately lacks: {@code withUnknownOptionHint("alpha", "its
   * blending weights are derived from key and nonce")} turns {@code alphaLL=0.2} into {@code unknown option
   * 'alphaLL' for flep-3layer-hardened (known: ...); its blending weights are derived from key and nonce}. The
   * first matching hint, in the order added, is used.
   *
   * @throws IllegalArgumentException if the prefix or hint is blank or the hint is not one line
   */
  public ParameterSet withUnknownOptionHint(String namePrefix, String hint) {
    Objects.requireNonNull(namePrefix, "namePrefix");
    Objects.requireNonNull(hint, "hint");
    if (namePrefix.isBlank() || hint.isBlank() || hint.indexOf('\n') >= 0 || hint.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("an unknown-option hint needs a name prefix and one line of text");
    }
    List<Hint> more = new ArrayList<>(hints);
    more.add(new Hint(namePrefix.strip(), hint.strip()));
    return new ParameterSet(parameters, constraints, more);
  }

  /** The parameters in declaration order (unmodifiable). */
  public List<Parameter<?>> parameters() {
    return parameters;
  }

  /** The constraints in the order they are checked (unmodifiable). */
  public List<Constraint> constraints() {
    return constraints;
  }

  /** Whether no parameters are declared. */
  public boolean isEmpty() {
    return parameters.isEmpty();
  }

  /** The parameter of this exact name. */
  public Optional<Parameter<?>> parameter(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether this set declares {@code parameter}: same name and an equal declaration. */
  public boolean declares(Parameter<?> parameter) {
    return parameter.equals(byName.get(parameter.name()));
  }

  /** The values when no option is given: the declared defaults. */
  public ParameterValues defaults(String pluginId) {
    return validate(pluginId, Map.of());
  }

  /** As {@link #validate(String, Map, Function)} without a source. */
  public ParameterValues validate(String pluginId, Map<String, String> raw) {
    return validate(pluginId, raw, name -> null);
  }

  /**
   * As {@link #validate(String, Map, Function)} with one source for every option, e.g. {@code "--he-option"}; for
   * no source use {@link #validate(String, Map)}.
   */
  public ParameterValues validate(String pluginId, Map<String, String> raw, String source) {
    return validate(pluginId, raw, name -> source);
  }

  /**
   * Checks raw options against the declarations and returns them typed, defaults applied. Names and values are
   * trimmed; names match exactly (case-sensitive). Problems are reported one at a time, first unknown or duplicate
   * names (in name order), then values (in declaration order), then constraints (in declaration order).
   *
   * @param pluginId the plugin's id, for messages
   * @param raw option name to raw value, from one source or already merged from several
   * @param sourceOfOption where an option (by its trimmed name) came from, for messages, e.g.
   *     {@code name -> "task header heScheme." + name}; may return null
   * @throws InvalidPluginOptionException naming the plugin, the option and what is wrong (see there for the shapes)
   */
  public ParameterValues validate(String pluginId, Map<String, String> raw, Function<String, String> sourceOfOption) {
    Objects.requireNonNull(pluginId, "pluginId");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(sourceOfOption, "sourceOfOption");
    List<Given> given = new ArrayList<>();
    raw.forEach((k, v) -> given.add(new Given(k == null ? "" : k.strip(), v == null ? null : v.strip())));
    given.sort(Comparator.comparing(Given::name));
    Map<String, Given> byOption = new LinkedHashMap<>();
    for (Given g : given) {
      if (parameters.isEmpty()) {
        throw InvalidPluginOptionException.noOptions(pluginId, g.name, sourceOfOption.apply(g.name));
      }
      if (!byName.containsKey(g.name)) {
        String suggestion = NameSuggestions.closest(g.name, List.copyOf(byName.keySet())).orElse(null);
        String hint = hints.stream().filter(h -> g.name.regionMatches(true, 0, h.prefix, 0, h.prefix.length()))
            .map(Hint::text).findFirst().orElse(null);
        throw InvalidPluginOptionException.unknown(pluginId, g.name, suggestion, byName.keySet(), hint,
            sourceOfOption.apply(g.name));
      }
      if (byOption.put(g.name, g) != null) {
        throw InvalidPluginOptionException.duplicate(pluginId, g.name, sourceOfOption.apply(g.name));
      }
    }
    Map<String, Object> explicit = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (Parameter<?> p : parameters) {
      Given g = byOption.get(p.name());
      if (g == null) {
        continue;
      }
      String source = sourceOfOption.apply(p.name());
      Object parsed = g.value == null ? null : p.parse(g.value);
      if (parsed == null) {
        throw InvalidPluginOptionException.invalidValue(pluginId, p, g.value, source);
      }
      explicit.put(p.name(), parsed);
      if (source != null && !source.isBlank()) {
        sources.put(p.name(), source);
      }
    }
    ParameterValues values = new ParameterValues(pluginId, this, explicit, Map.of(), sources);
    values.checkConstraints();
    return values;
  }

  /**
   * The parameters as JDK-only data a JSON library can write, one map per parameter in declaration order with keys:
   * {@code name}; {@code type} ({@link ParameterType#id()}); {@code default} (the value, or null if none);
   * {@code allowed} (a list of values for choices, booleans and {@code oneOf} integers, else a map: {@code min},
   * {@code max}, {@code odd}, {@code special} for integers; {@code min}, {@code minInclusive}, {@code max},
   * {@code maxInclusive} for decimals; {@code pattern} for texts; {@code elements}, {@code separator} for lists;
   * absent bounds are left out); {@code domain} ({@link Parameter#domain()}); {@code description};
   * {@code affectsSecurity}. Values are String, Integer, Double, Boolean, List, Map or null; everything is
   * unmodifiable and iterates in a fixed order.
   */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Parameter<?> p : parameters) {
      out.add(describe(p));
    }
    return Collections.unmodifiableList(out);
  }

  /** One raw option, name and value trimmed; the value is null if the source gave none. */
  private record Given(String name, String value) {}

  private static <T> Map<String, Object> describe(Parameter<T> p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("type", p.type().id());
    m.put("default", p.defaultValue().map(p::describeValue).orElse(null));
    m.put("allowed", p.allowedDescription());
    m.put("domain", p.domain());
    m.put("description", p.description());
    m.put("affectsSecurity", p.affectsSecurity());
    return Collections.unmodifiableMap(m);
  }

  /**
   * The constraints as JDK-only data, one map per constraint with keys {@code description} and {@code parameters}
   * (the names it relates).
   */
  public List<Map<String, Object>> describeConstraints() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Constraint c : constraints) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("description", c.description());
      m.put("parameters", c.parameters().stream().map(Parameter::name).toList());
      out.add(Collections.unmodifiableMap(m));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParameterSet s && s.parameters.equals(parameters) && s.constraints.equals(constraints)
        && s.hints.equals(hints);
  }

  @Override
  public int hashCode() {
    return Objects.hash(parameters, constraints, hints);
  }

  @Override
  public String toString() {
    return "ParameterSet" + parameters;
  }
}
