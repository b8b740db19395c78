package io.flep.engine.model;

import io.flep.engine.expression.Expression;
import java.util.Map;

/** {@code zeebe:taskDefinition} (type and retries, static or FEEL) plus {@code zeebe:taskHeaders}. */
public record JobDefinition(Expression type, Expression retries, Map<String, String> headers) {
  public JobDefinition {
    headers = Map.copyOf(headers);
  }
}
