package io.flep.engine.expression;

import java.util.Objects;

/**
 * An expression could not be parsed, evaluated, or its result had an unexpected type.
 *
 * <p>The message is suitable as an incident message: it names the expression and the cause, in
 * Zeebe 8.8's wording where Zeebe has one.
 */
public final class ExpressionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String expression;

  /**
   * Creates an exception about {@code expression}.
   *
   * @param expression the expression's source text as written in the model
   * @param message the incident message, naming the expression
   */
  public ExpressionException(String expression, String message) {
    super(message);
    this.expression = Objects.requireNonNull(expression, "expression");
  }

  /**
   * Returns the expression's source text as written in the model (with the leading {@code =} of a
   * FEEL expression).
   *
   * @return the expression source
   */
  public String expression() {
    return expression;
  }
}
