package io.flep.engine.expression;

import java.util.Objects;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A model attribute that is either a static value or a FEEL expression (text starting with {@code
 * =}, leading whitespace ignored, as in Zeebe).
 *
 * <p>Immutable and thread-safe. Parse once at deploy time with {@link #parse} and evaluate many
 * times with {@link ExpressionEvaluator}. Two expressions are equal when their sources are equal.
 */
public final class Expression {

  /**
   * Parsing does not depend on the engine's functions, clock or value mapper; one parser serves
   * all.
   */
  private static final FeelEngineApi PARSER = FeelEngineBuilder.create().build();

  private final String source;
  private final String feelText;
  private final ParsedExpression parsed;

  private Expression(String source, String feelText, ParsedExpression parsed) {
    this.source = source;
    this.feelText = feelText;
    this.parsed = parsed;
  }

  /**
   * Parses a model attribute: text starting with {@code =} is a FEEL expression, anything else a
   * static value.
   *
   * @param source the attribute text, not null
   * @return the parsed expression
   * @throws ExpressionException if FEEL text does not parse; the message names the expression and
   *     the parse failure
   */
  public static Expression parse(String source) throws ExpressionException {
    Objects.requireNonNull(source, "source");
    String stripped = source.stripLeading();
    if (!stripped.startsWith("=")) {
      return new Expression(source, null, null);
    }
    return parseFeel(source, stripped.substring(1).strip());
  }

  /**
   * Parses FEEL text given without the leading {@code =}.
   *
   * @param feelWithoutLeadingEquals the FEEL expression, not null
   * @return the parsed expression, whose {@link #source()} is {@code "=" +
   *     feelWithoutLeadingEquals}
   * @throws ExpressionException if the text does not parse
   */
  public static Expression feel(String feelWithoutLeadingEquals) throws ExpressionException {
    Objects.requireNonNull(feelWithoutLeadingEquals, "feelWithoutLeadingEquals");
    return parseFeel("=" + feelWithoutLeadingEquals, feelWithoutLeadingEquals.strip());
  }

  private static Expression parseFeel(String source, String feelText) throws ExpressionException {
    ParseResult result = PARSER.parseExpression(feelText);
    if (result.isFailure()) {
      throw new ExpressionException(source, result.failure().message());
    }
    return new Expression(source, feelText, result.parsedExpression());
  }

  /**
   * Returns whether this is a static value rather than a FEEL expression.
   *
   * @return true for a static value
   */
  public boolean isStatic() {
    return parsed == null;
  }

  /**
   * Returns the attribute text as written in the model, including the {@code =} of FEEL.
   *
   * @return the source text
   */
  public String source() {
    return source;
  }

  /** The text error messages name: the FEEL text without {@code =}, or the static value. */
  String text() {
    return isStatic() ? source : feelText;
  }

  /** The parsed FEEL expression; null for a static value. */
  ParsedExpression parsed() {
    return parsed;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Expression that && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  /** Returns {@link #source()}. */
  @Override
  public String toString() {
    return source;
  }
}
