package io.flep.engine.processing;

import io.flep.engine.model.DeploymentException;
import java.util.List;
import java.util.Map;

/** Parses and evaluates DMN resources for deployments and business rule tasks. */
public interface DmnSupport {
  /** A parsed DMN resource: its definitions id and name, its decisions, and the parser's own form. */
  record ParsedDrg(String drgId, String name, List<Decision> decisions, Object parsed) {
    public record Decision(String id, String name) {}
  }

  ParsedDrg parse(String resourceName, byte[] resource) throws DeploymentException;

  Object evaluate(Object parsed, String decisionId, Map<String, Object> variables) throws Exception;
}
