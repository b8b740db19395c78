package io.flep.plugin.api.param;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A finite {@code double} parameter with optional lower and upper bounds, each inclusive or exclusive:
 * {@code range(0, 0.9)} is [0, 0.9], {@code greaterThan(0).lessThan(1)} is (0, 1), {@code greaterThan(0)} is
 * {@code > 0}. Raw values are plain decimal numbers with an optional sign, fraction and exponent ({@code 8},
 * {@code -2.5}, {@code .5}, {@code 1e-3}); {@code NaN}, {@code Infinity}, values that overflow to infinity,
 * hexadecimal floats and Java suffixes such as {@code 8d} are rejected. Immutable; see {@link Parameter}.
 */
public final class DecimalParameter extends Parameter<Double> {
  private static final Pattern SYNTAX =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?");

  /** A bound; {@code null} fields of {@link Domain} mean unbounded. */
  private record Bound(double value, boolean inclusive) {}

  private record Domain(Bound lower, Bound upper) {}

  private final Domain domain;

  DecimalParameter(Meta<Double> meta) {
    this(meta, new Domain(null, null));
  }

  private DecimalParameter(Meta<Double> meta, Domain domain) {
    super(meta);
    this.domain = domain;
    checkDomain();
    requireDefaultAllowed();
  }

  /** A copy with this one-line description. */
  public DecimalParameter description(String text) {
    return new DecimalParameter(meta.withDescription(text), domain);
  }

  /** A copy marked as affecting security. */
  public DecimalParameter securityRelevant() {
    return new DecimalParameter(meta.withSecurityRelevant(), domain);
  }

  /** A copy with this default. @throws IllegalArgumentException if it is not finite or outside the bounds */
  public DecimalParameter defaultValue(double value) {
    return new DecimalParameter(meta.withDefault(value), domain);
  }

  /** A copy allowing [min, max], both inclusive. */
  public DecimalParameter range(double min, double max) {
    return new DecimalParameter(meta, new Domain(bound(min, true), bound(max, true)));
  }

  /** A copy with the inclusive lower bound {@code min}, keeping any upper bound. */
  public DecimalParameter atLeast(double min) {
    return new DecimalParameter(meta, new Domain(bound(min, true), domain.upper));
  }

  /** A copy with the exclusive lower bound {@code min}, keeping any upper bound. */
  public DecimalParameter greaterThan(double min) {
    return new DecimalParameter(meta, new Domain(bound(min, false), domain.upper));
  }

  /** A copy with the inclusive upper bound {@code max}, keeping any lower bound. */
  public DecimalParameter atMost(double max) {
    return new DecimalParameter(meta, new Domain(domain.lower, bound(max, true)));
  }

  /** A copy with the exclusive upper bound {@code max}, keeping any lower bound. */
  public DecimalParameter lessThan(double max) {
    return new DecimalParameter(meta, new Domain(domain.lower, bound(max, false)));
  }

  private Bound bound(double value, boolean inclusive) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("bound of parameter '" + name() + "' must be finite, got " + value);
    }
    return new Bound(value == 0 ? 0.0 : value, inclusive); // no -0.0: it would compare unequal in records
  }

  private void checkDomain() {
    Bound lo = domain.lower;
    Bound hi = domain.upper;
    if (lo != null && hi != null
        && (lo.value > hi.value || lo.value == hi.value && !(lo.inclusive && hi.inclusive))) {
      throw new IllegalArgumentException("parameter '" + name() + "' has an empty range " + interval());
    }
  }

  @Override
  public ParameterType type() {
    return ParameterType.DECIMAL;
  }

  @Override
  public String domain() {
    Bound lo = domain.lower;
    Bound hi = domain.upper;
    if (lo != null && hi != null) {
      return "a number in " + interval();
    }
    if (lo != null) {
      return "a number " + (lo.inclusive ? ">= " : "> ") + format(lo.value);
    }
    if (hi != null) {
      return "a number " + (hi.inclusive ? "<= " : "< ") + format(hi.value);
    }
    return "a finite number";
  }

  private String interval() {
    return (domain.lower.inclusive ? "[" : "(") + format(domain.lower.value) + ", " + format(domain.upper.value)
        + (domain.upper.inclusive ? "]" : ")");
  }

  @Override
  Double parse(String trimmed) {
    if (!SYNTAX.matcher(trimmed).matches()) {
      return null;
    }
    double v = Double.parseDouble(trimmed);
    return accepts(v) ? v : null;
  }

  @Override
  boolean accepts(Double value) {
    double v = value;
    if (!Double.isFinite(v)) {
      return false;
    }
    Bound lo = domain.lower;
    Bound hi = domain.upper;
    return (lo == null || (lo.inclusive ? v >= lo.value : v > lo.value))
        && (hi == null || (hi.inclusive ? v <= hi.value : v < hi.value));
  }

  /** Shortest plain rendering: {@code 0.9}, {@code 4}, {@code 0.000001}, never {@code 4.0} or {@code 1.0E-6}. */
  @Override
  String format(Double value) {
    if (!Double.isFinite(value)) {
      return String.valueOf(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  @Override
  Object allowedDescription() {
    Map<String, Object> allowed = new LinkedHashMap<>();
    if (domain.lower != null) {
      allowed.put("min", domain.lower.value);
      allowed.put("minInclusive", domain.lower.inclusive);
    }
    if (domain.upper != null) {
      allowed.put("max", domain.upper.value);
      allowed.put("maxInclusive", domain.upper.inclusive);
    }
    return Collections.unmodifiableMap(allowed);
  }

  @Override
  Object domainKey() {
    return domain;
  }
}
