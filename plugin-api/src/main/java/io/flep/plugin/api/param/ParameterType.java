package io.flep.plugin.api.param;

/** The value types a {@link Parameter} can declare; {@link #id()} is the {@code type} of {@link ParameterSet#describe()}. */
public enum ParameterType {
  /** A 32-bit signed decimal integer ({@link IntegerParameter}). */
  INTEGER("integer"),
  /** A finite {@code double} written in decimal ({@link DecimalParameter}). */
  DECIMAL("decimal"),
  /** {@code true} or {@code false}, any case ({@link BooleanParameter}). */
  BOOLEAN("boolean"),
  /** Free text, possibly restricted by a pattern ({@link TextParameter}). */
  TEXT("text"),
  /** One of a fixed set of words ({@link ChoiceParameter}). */
  CHOICE("choice"),
  /** A comma-separated list of texts or file paths ({@link ListParameter}). */
  LIST("list");

  private final String id;

  ParameterType(String id) {
    this.id = id;
  }

  /** Lower-case name for descriptions and messages, e.g. {@code "integer"}. */
  public String id() {
    return id;
  }
}
