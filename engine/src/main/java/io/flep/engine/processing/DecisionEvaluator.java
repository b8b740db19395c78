package io.flep.engine.processing;

import java.util.Map;
import io.flep.engine.state.DecisionDefinition;
import io.flep.engine.state.DecisionRequirements;

/** Evaluates a deployed decision (the processor plugs in the DMN engine). */
@FunctionalInterface
interface DecisionEvaluator {
  Object evaluate(DecisionRequirements drg, DecisionDefinition decision, Map<String, Object> variables)
      throws Exception;
}
