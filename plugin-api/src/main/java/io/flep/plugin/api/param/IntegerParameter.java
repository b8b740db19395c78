package io.flep.plugin.api.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A 32-bit integer parameter. Its domain is either an explicit set of values ({@link #oneOf}) or an interval with
 * optional bounds ({@link #range}, {@link #atLeast}, {@link #atMost}), optionally restricted to odd numbers
 * ({@link #odd}) and extended by special values with a meaning ({@link #orValue}, e.g. {@code 0} for "as many as
 * fit"). Raw values are ASCII decimal integers with an optional sign ({@code 2048}, {@code +3}, {@code -1});
 * {@code 2e3}, {@code 2048.0}, hexadecimal and non-ASCII digits are rejected. Immutable; see {@link Parameter}.
 */
public final class IntegerParameter extends Parameter<Integer> {
  private static final Pattern SYNTAX = Pattern.compile("[+-]?[0-9]{1,10}");

  /** A special value outside the interval, e.g. {@code 0} meaning "no limit". */
  private record Special(int value, String meaning) {}

  private record Domain(Integer min, Integer max, boolean odd, List<Integer> oneOf, List<Special> special) {
    Domain {
      oneOf = List.copyOf(oneOf);
      special = List.copyOf(special);
    }
  }

  private final Domain domain;

  IntegerParameter(Meta<Integer> meta) {
    this(meta, new Domain(null, null, false, List.of(), List.of()));
  }

  private IntegerParameter(Meta<Integer> meta, Domain domain) {
    super(meta);
    this.domain = domain;
    checkDomain();
    requireDefaultAllowed();
  }

  /** A copy with this one-line description. */
  public IntegerParameter description(String text) {
    return new IntegerParameter(meta.withDescription(text), domain);
  }

  /** A copy marked as affecting security. */
  public IntegerParameter securityRelevant() {
    return new IntegerParameter(meta.withSecurityRelevant(), domain);
  }

  /** A copy with this default. @throws IllegalArgumentException if it is outside the domain */
  public IntegerParameter defaultValue(int value) {
    return new IntegerParameter(meta.withDefault(value), domain);
  }

  /** A copy allowing the integers in [min, max] (both inclusive). @throws IllegalArgumentException if min > max */
  public IntegerParameter range(int min, int max) {
    return new IntegerParameter(meta, new Domain(min, max, domain.odd, domain.oneOf, domain.special));
  }

  /** A copy allowing integers of at least {@code min}, keeping any upper bound. */
  public IntegerParameter atLeast(int min) {
    return new IntegerParameter(meta, new Domain(min, domain.max, domain.odd, domain.oneOf, domain.special));
  }

  /** A copy allowing integers of at most {@code max}, keeping any lower bound. */
  public IntegerParameter atMost(int max) {
    return new IntegerParameter(meta, new Domain(domain.min, max, domain.odd, domain.oneOf, domain.special));
  }

  /** A copy allowing only odd integers within the bounds. */
  public IntegerParameter odd() {
    return new IntegerParameter(meta, new Domain(domain.min, domain.max, true, domain.oneOf, domain.special));
  }

  /**
   * A copy allowing exactly these values (rendered in the given order), e.g. {@code oneOf(1, 2, 4, 8)}.
   *
   * @throws IllegalArgumentException if there are none or duplicates, or bounds, {@link #odd} or special values
   *     are declared too
   */
  public IntegerParameter oneOf(int... values) {
    List<Integer> list = new ArrayList<>();
    for (int v : values) {
      if (list.contains(v)) {
        throw new IllegalArgumentException("parameter '" + name() + "' lists " + v + " twice");
      }
      list.add(v);
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("parameter '" + name() + "' needs at least one allowed value");
    }
    return new IntegerParameter(meta, new Domain(domain.min, domain.max, domain.odd, list, domain.special));
  }

  /**
   * A copy that also allows {@code value}, outside the interval, with a meaning shown in the domain, e.g.
   * {@code range(2, 16).orValue(0, "no threshold key")} renders as {@code 0 (no threshold key) or an integer in
   * [2, 16]}.
   *
   * @throws IllegalArgumentException if the value is already allowed by the interval or declared twice, or the
   *     meaning is blank
   */
  public IntegerParameter orValue(int value, String meaning) {
    Objects.requireNonNull(meaning, "meaning");
    if (meaning.isBlank()) {
      throw new IllegalArgumentException("special value " + value + " of parameter '" + name() + "' needs a meaning");
    }
    List<Special> special = new ArrayList<>(domain.special);
    special.add(new Special(value, meaning.strip()));
    return new IntegerParameter(meta, new Domain(domain.min, domain.max, domain.odd, domain.oneOf, special));
  }

  private void checkDomain() {
    if (domain.min != null && domain.max != null && domain.min > domain.max) {
      throw new IllegalArgumentException(
          "parameter '" + name() + "' has an empty range [" + domain.min + ", " + domain.max + "]");
    }
    if (!domain.oneOf.isEmpty() && (domain.min != null || domain.max != null || domain.odd
        || !domain.special.isEmpty())) {
      throw new IllegalArgumentException("parameter '" + name()
          + "' declares oneOf(..) together with a range, odd() or orValue(..); list every allowed value in oneOf");
    }
    List<Integer> seen = new ArrayList<>();
    for (Special s : domain.special) {
      if (seen.contains(s.value()) || inInterval(s.value())) {
        throw new IllegalArgumentException("special value " + s.value() + " of parameter '" + name()
            + "' is declared twice or already within " + intervalText());
      }
      seen.add(s.value());
    }
  }

  @Override
  public ParameterType type() {
    return ParameterType.INTEGER;
  }

  @Override
  public String domain() {
    if (!domain.oneOf.isEmpty()) {
      return "one of " + domain.oneOf.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
    String specials = domain.special.stream().map(s -> s.value() + " (" + s.meaning() + ")")
        .collect(Collectors.joining(", "));
    return specials.isEmpty() ? intervalText() : specials + " or " + intervalText();
  }

  private String intervalText() {
    String kind = domain.odd ? "an odd integer" : "an integer";
    if (domain.min != null && domain.max != null) {
      return kind + " in [" + domain.min + ", " + domain.max + "]";
    }
    if (domain.min != null) {
      return kind + " >= " + domain.min;
    }
    if (domain.max != null) {
      return kind + " <= " + domain.max;
    }
    return kind;
  }

  @Override
  Integer parse(String trimmed) {
    if (!SYNTAX.matcher(trimmed).matches()) {
      return null;
    }
    long v = Long.parseLong(trimmed);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      return null;
    }
    return accepts((int) v) ? (int) v : null;
  }

  @Override
  boolean accepts(Integer value) {
    int v = value;
    if (!domain.oneOf.isEmpty()) {
      return domain.oneOf.contains(v);
    }
    return domain.special.stream().anyMatch(s -> s.value() == v) || inInterval(v);
  }

  private boolean inInterval(int v) {
    return (domain.min == null || v >= domain.min) && (domain.max == null || v <= domain.max)
        && (!domain.odd || v % 2 != 0);
  }

  @Override
  Object allowedDescription() {
    if (!domain.oneOf.isEmpty()) {
      return domain.oneOf;
    }
    Map<String, Object> allowed = new LinkedHashMap<>();
    if (domain.min != null) {
      allowed.put("min", domain.min);
    }
    if (domain.max != null) {
      allowed.put("max", domain.max);
    }
    if (domain.odd) {
      allowed.put("odd", true);
    }
    if (!domain.special.isEmpty()) {
      allowed.put("special", domain.special.stream().map(IntegerParameter::describeSpecial).toList());
    }
    return Collections.unmodifiableMap(allowed);
  }

  private static Map<String, Object> describeSpecial(Special s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", s.value());
    m.put("meaning", s.meaning());
    return Collections.unmodifiableMap(m);
  }

  @Override
  Object domainKey() {
    return domain;
  }
}
