package io.flep.engine.model;

import io.flep.engine.expression.Expression;

/**
 * Multi-instance loop characteristics. {@code inputElement}, {@code outputCollection}, {@code
 * outputElement} and {@code completionCondition} may be null.
 */
public record MultiInstance(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}
