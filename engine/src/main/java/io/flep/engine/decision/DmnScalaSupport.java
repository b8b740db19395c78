package io.flep.engine.decision;

import io.flep.engine.model.DeploymentException;
import io.flep.engine.processing.DmnSupport;
import java.util.Map;

/** The engine's DMN: deployments and business rule tasks through {@link DecisionEngine} (dmn-scala). */
public final class DmnScalaSupport implements DmnSupport {
  private final DecisionEngine decisions = new DecisionEngine();

  @Override
  public ParsedDrg parse(String resourceName, byte[] resource) throws DeploymentException {
    try {
      DecisionGraph graph = decisions.parse(resourceName, resource);
      return new ParsedDrg(
          graph.id(),
          graph.name(),
          graph.decisions().stream().map(d -> new ParsedDrg.Decision(d.id(), d.name())).toList(),
          graph);
    } catch (DecisionException e) {
      throw new DeploymentException(e.getMessage(), e);
    }
  }

  @Override
  public Object evaluate(Object parsed, String decisionId, Map<String, Object> variables)
      throws DecisionException {
    return decisions.evaluate((DecisionGraph) parsed, decisionId, variables);
  }
}
