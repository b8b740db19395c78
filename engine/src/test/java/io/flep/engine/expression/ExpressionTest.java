package io.flep.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpressionTest {

  @Test
  void textWithoutEqualsIsStatic() throws ExpressionException {
    Expression e = Expression.parse("payment-service");

    assertThat(e.isStatic()).isTrue();
    assertThat(e.source()).isEqualTo("payment-service");
    assertThat(e).hasToString("payment-service");
  }

  @Test
  void textWithEqualsIsFeel() throws ExpressionException {
    Expression e = Expression.parse("= a + 1");

    assertThat(e.isStatic()).isFalse();
    assertThat(e.source()).isEqualTo("= a + 1");
    assertThat(e.text()).isEqualTo("a + 1");
  }

  @Test
  void leadingWhitespaceBeforeEqualsStillMeansFeel() throws ExpressionException {
    assertThat(Expression.parse("  =x").isStatic()).isFalse();
  }

  @Test
  void feelFactoryPrefixesEquals() throws ExpressionException {
    Expression e = Expression.feel("x > 1");

    assertThat(e.isStatic()).isFalse();
    assertThat(e.source()).isEqualTo("=x > 1");
    assertThat(e).isEqualTo(Expression.parse("=x > 1"));
  }

  @Test
  void staticTextThatIsNoValidFeelIsFine() throws ExpressionException {
    assertThat(Expression.parse("foo(").isStatic()).isTrue();
  }

  @Test
  void syntaxErrorNamesTheExpressionAndTheParseFailure() {
    assertThatThrownBy(() -> Expression.parse("=foo("))
        .isInstanceOfSatisfying(
            ExpressionException.class,
            ex -> {
              assertThat(ex.expression()).isEqualTo("=foo(");
              assertThat(ex.getMessage()).startsWith("failed to parse expression 'foo(': ");
              assertThat(ex.getMessage()).contains("Expected");
            });
  }

  @Test
  void emptyFeelIsASyntaxError() {
    assertThatThrownBy(() -> Expression.parse("="))
        .isInstanceOf(ExpressionException.class)
        .hasMessageStartingWith("failed to parse expression ''");
  }
}
