package io.flep.plugin.api.param;

import java.util.Objects;
import java.util.Optional;

/**
 * A plugin option the host refused before the plugin saw it: an unknown name, a malformed or out-of-range value,
 * or values that together break a {@link Constraint}. The message is meant for the person who wrote the option
 * and always names the plugin and the option; it never contains anything but option names and the values given
 * (options are configuration, not secrets). Its shapes:
 *
 * <ul>
 *   <li>{@code unknown option 'treshold' for paillier; did you mean 'threshold'?}
 *   <li>{@code unknown option 'xyz' for paillier (known: keyBits, threshold, ...)}, followed by {@code ; <hint>}
 *       if the plugin explains such names ({@link ParameterSet#withUnknownOptionHint})
 *   <li>{@code aes-gcm takes no options, got 'xyz'}
 *   <li>{@code option 'keyBits' of paillier must be one of 2048, 3072, 4096, got '1024'}
 *   <li>{@code option 'keyBits' of paillier is given twice}
 *   <li>{@code options of paillier must satisfy: threshold <= shareholders, got threshold=4, shareholders=3}
 * </ul>
 *
 * each followed by {@code  (from <source>)} when the host said where the option came from, e.g.
 * {@code (from task header heScheme.treshold)}.
 */
public final class InvalidPluginOptionException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Reason {
    /** The plugin declares no parameter of this name. */
    UNKNOWN_OPTION,
    /** The plugin declares no parameters at all. */
    NO_OPTIONS,
    /** The value is malformed or outside the declared domain. */
    INVALID_VALUE,
    /** The same option name appears twice (after trimming). */
    DUPLICATE_OPTION,
    /** Each value is valid, but together they break a {@link Constraint}. */
    CONSTRAINT_VIOLATED
  }

  private final Reason reason;
  private final String pluginId;
  private final String optionName;
  private final String suggestion;
  private final String source;

  private InvalidPluginOptionException(
      Reason reason, String pluginId, String optionName, String suggestion, String source, String message) {
    super(message + (source == null || source.isBlank() ? "" : " (from " + source + ")"));
    this.reason = reason;
    this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
    this.optionName = Objects.requireNonNull(optionName, "optionName");
    this.suggestion = suggestion;
    this.source = source == null || source.isBlank() ? null : source;
  }

  static InvalidPluginOptionException unknown(String pluginId, String name, String suggestion,
      Iterable<String> known, String hint, String source) {
    String message = "unknown option '" + name + "' for " + pluginId
        + (suggestion != null ? "; did you mean '" + suggestion + "'?" : " (known: " + String.join(", ", known) + ")")
        + (hint != null ? "; " + hint : "");
    return new InvalidPluginOptionException(Reason.UNKNOWN_OPTION, pluginId, name, suggestion, source, message);
  }

  static InvalidPluginOptionException noOptions(String pluginId, String name, String source) {
    return new InvalidPluginOptionException(Reason.NO_OPTIONS, pluginId, name, null, source,
        pluginId + " takes no options, got '" + name + "'");
  }

  static InvalidPluginOptionException invalidValue(String pluginId, Parameter<?> parameter, String raw,
      String source) {
    return new InvalidPluginOptionException(Reason.INVALID_VALUE, pluginId, parameter.name(), null, source,
        "option '" + parameter.name() + "' of " + pluginId + " must be " + parameter.domain() + ", got "
            + (raw == null ? "no value" : "'" + raw + "'"));
  }

  static InvalidPluginOptionException duplicate(String pluginId, String name, String source) {
    return new InvalidPluginOptionException(Reason.DUPLICATE_OPTION, pluginId, name, null, source,
        "option '" + name + "' of " + pluginId + " is given twice");
  }

  static InvalidPluginOptionException constraint(String pluginId, String firstOption, String description,
      String got, String source) {
    return new InvalidPluginOptionException(Reason.CONSTRAINT_VIOLATED, pluginId, firstOption, null, source,
        "options of " + pluginId + " must satisfy: " + description + ", got " + got);
  }

  /** What is wrong. */
  public Reason reason() {
    return reason;
  }

  /** The id of the plugin the option was meant for. */
  public String pluginId() {
    return pluginId;
  }

  /**
   * The option as given (trimmed), for a {@link Reason#CONSTRAINT_VIOLATED} the first parameter the constraint
   * names.
   */
  public String optionName() {
    return optionName;
  }

  /** For an {@link Reason#UNKNOWN_OPTION}, the declared name it probably meant. */
  public Optional<String> suggestion() {
    return Optional.ofNullable(suggestion);
  }

  /** Where the option came from, as the host described it (e.g. {@code --he-option}), if it said. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }
}
