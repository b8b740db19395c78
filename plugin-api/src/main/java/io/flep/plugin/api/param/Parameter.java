package io.flep.plugin.api.param;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The declaration of one plugin option: its name, value type, optional default, allowed values or range, a one-line
 * description and whether it affects security. Plugins declare their parameters as constants and group them in a
 * {@link ParameterSet}; the host validates every raw option against the set before the plugin sees it, and the
 * plugin reads typed values with {@link ParameterValues#get(Parameter)}.
 *
 * <pre>{@code
 * static final IntegerParameter KEY_BITS = Parameter.integer("keyBits")
 *     .oneOf(2048, 3072, 4096).defaultValue(2048)
 *     .description("bit length of the modulus n").securityRelevant();
 * }</pre>
 *
 * <p>Guarantees: instances are immutable and thread-safe; every method that refines a declaration returns a new
 * instance and leaves the receiver unchanged. Every instance is consistent: a declared default is always within the
 * declared domain, whatever the order of the refining calls (a call that would make the existing default invalid
 * throws {@link IllegalArgumentException} instead, naming the parameter). Names match
 * {@code [a-z][A-Za-z0-9]{0,63}} (lower camel case). Two parameters are equal when their whole declarations are.
 *
 * <p>Not checked here: that a description is present ({@link ParameterSet} requires one) and rules that span several
 * parameters ({@link Constraint}).
 *
 * @param <T> the type of the parsed value
 */
public abstract sealed class Parameter<T>
    permits IntegerParameter, DecimalParameter, BooleanParameter, TextParameter, ChoiceParameter, ListParameter {

  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,63}");

  final Meta<T> meta;

  Parameter(Meta<T> meta) {
    this.meta = meta;
  }

  /** A 32-bit integer parameter, any integer until restricted. */
  public static IntegerParameter integer(String name) {
    return new IntegerParameter(Meta.named(name));
  }

  /** A finite decimal number parameter, any finite value until bounded. */
  public static DecimalParameter decimal(String name) {
    return new DecimalParameter(Meta.named(name));
  }

  /** A boolean parameter: {@code true} or {@code false} in any case. */
  public static BooleanParameter bool(String name) {
    return new BooleanParameter(Meta.named(name));
  }

  /** A free-text parameter, any text (including empty) until restricted by a pattern. */
  public static TextParameter text(String name) {
    return new TextParameter(Meta.named(name));
  }

  /**
   * A parameter taking one of the given words, matched ignoring case and returned in the declared spelling.
   *
   * @throws IllegalArgumentException if there is no value, a value is blank or contains a comma, or two values are
   *     equal ignoring case
   */
  public static ChoiceParameter choice(String name, String... values) {
    return new ChoiceParameter(Meta.named(name), values);
  }

  /** A comma-separated list of texts: elements are trimmed and empty elements dropped. */
  public static ListParameter<String> textList(String name) {
    return ListParameter.texts(Meta.named(name));
  }

  /** A comma-separated list of file paths: elements are trimmed, empty elements dropped, the rest made {@code Path}s. */
  public static ListParameter<java.nio.file.Path> pathList(String name) {
    return ListParameter.paths(Meta.named(name));
  }

  /** The option name, as written in {@code --option NAME=VALUE} and task headers {@code <prefix>.NAME}. */
  public final String name() {
    return meta.name();
  }

  /** One-line description for users; empty until {@code description(..)} is called. */
  public final String description() {
    return meta.description();
  }

  /** Whether choosing a value changes what the plugin guarantees (key sizes, weak-key switches, noise, ...). */
  public final boolean affectsSecurity() {
    return meta.affectsSecurity();
  }

  /** The value used when the option is not given; empty for optional parameters without a default. */
  public final Optional<T> defaultValue() {
    return Optional.ofNullable(meta.defaultValue());
  }

  /** The value type. */
  public abstract ParameterType type();

  /**
   * The allowed values in words, for messages and descriptions, e.g. {@code "an integer in [2048, 8192]"},
   * {@code "one of paper, reordered"} or {@code "true or false"}.
   */
  public abstract String domain();

  /** Whether {@code value} is within the declared domain; {@code false} for {@code null}. */
  public final boolean allows(T value) {
    return value != null && accepts(value);
  }

  /** Parses a trimmed raw value; {@code null} if it is malformed or outside the domain. */
  abstract T parse(String trimmed);

  /** Whether a non-null value is within the domain. */
  abstract boolean accepts(T value);

  /** The allowed values for {@link ParameterSet#describe()}: a list of values or a map such as {min, max}. */
  abstract Object allowedDescription();

  /** The part of the declaration besides {@link #meta}, compared by {@link #equals}. */
  abstract Object domainKey();

  /** A value as a JDK-only description element (String, Integer, Double, Boolean, List). */
  Object describeValue(T value) {
    return value;
  }

  /** A value as written in messages. */
  String format(T value) {
    return String.valueOf(value);
  }

  /** Called last by every subclass constructor. */
  final void requireDefaultAllowed() {
    T d = meta.defaultValue();
    if (d != null && !accepts(d)) {
      throw new IllegalArgumentException(
          "default " + format(d) + " of parameter '" + name() + "' is not " + domain());
    }
  }

  /** Casts a stored value back; {@link ParameterValues} stores only values this parameter parsed or allowed. */
  @SuppressWarnings("unchecked")
  final T cast(Object value) {
    return (T) value;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof Parameter<?> p && p.getClass() == getClass() && p.meta.equals(meta)
        && p.domainKey().equals(domainKey());
  }

  @Override
  public final int hashCode() {
    return Objects.hash(getClass(), meta, domainKey());
  }

  /** E.g. {@code keyBits (integer, default 2048, one of 2048, 3072, 4096)}. */
  @Override
  public final String toString() {
    return name() + " (" + type().id() + defaultValue().map(d -> ", default " + format(d)).orElse("")
        + ", " + domain() + (affectsSecurity() ? ", affects security" : "") + ")";
  }

  /** What every parameter declares besides its domain. */
  record Meta<T>(String name, String description, boolean affectsSecurity, T defaultValue) {

    static <T> Meta<T> named(String name) {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "parameter name '" + name + "' must be lower camel case, [a-z][A-Za-z0-9]{0,63}");
      }
      return new Meta<>(name, "", false, null);
    }

    Meta<T> withDescription(String text) {
      Objects.requireNonNull(text, "description");
      String trimmed = text.strip();
      if (trimmed.isEmpty() || trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0) {
        throw new IllegalArgumentException(
            "description of parameter '" + name + "' must be one non-blank line, got '" + text + "'");
      }
      return new Meta<>(name, trimmed, affectsSecurity, defaultValue);
    }

    Meta<T> withSecurityRelevant() {
      return new Meta<>(name, description, true, defaultValue);
    }

    Meta<T> withDefault(T value) {
      return new Meta<>(name, description, affectsSecurity, Objects.requireNonNull(value, "default value"));
    }
  }
}
