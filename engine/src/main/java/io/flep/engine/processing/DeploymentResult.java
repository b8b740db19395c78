package io.flep.engine.processing;

import java.util.List;

/** What a deployment created (or found already deployed, for unchanged resources). */
public record DeploymentResult(
    long key, List<Process> processes, List<DecisionRequirementsInfo> decisionRequirements, List<Decision> decisions) {
  public record Process(String bpmnProcessId, int version, long processDefinitionKey, String resourceName) {}

  public record DecisionRequirementsInfo(
      String drgId, String name, int version, long key, String resourceName) {}

  public record Decision(
      String decisionId, String name, int version, long key, String drgId, long decisionRequirementsKey) {}
}
