package io.flep.engine.processing;

import io.flep.engine.model.DeploymentException;
import io.flep.engine.model.ExecutableProcess;
import io.flep.engine.model.ProcessTransformer;
import io.flep.engine.state.DecisionDefinition;
import io.flep.engine.state.DecisionRequirements;
import io.flep.engine.state.EngineState;
import io.flep.engine.state.ProcessDefinition;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deploys BPMN and DMN resources with Zeebe's versioning: a changed resource gets the next version
 * of its process or decisions, an unchanged one keeps its current version. A deployment is all or
 * nothing: every resource is validated before anything is stored.
 */
final class Deployer {
  private final ProcessTransformer transformer = new ProcessTransformer();
  private final DmnSupport dmn;

  Deployer(DmnSupport dmn) {
    this.dmn = dmn;
  }

  DeploymentResult deploy(EngineState state, Map<String, byte[]> resources, long now) throws Rejection {
    if (resources.isEmpty()) {
      throw Rejection.invalidArgument("Expected to deploy at least one resource, but none given");
    }
    List<Parsed> parsed = new ArrayList<>();
    for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
      parsed.add(parse(resource.getKey(), resource.getValue()));
    }
    long deploymentKey = state.nextKey();
    List<DeploymentResult.Process> processes = new ArrayList<>();
    List<DeploymentResult.DecisionRequirementsInfo> drgs = new ArrayList<>();
    List<DeploymentResult.Decision> decisions = new ArrayList<>();
    for (Parsed p : parsed) {
      String checksum = checksum(p.resource);
      for (ExecutableProcess process : p.processes) {
        ProcessDefinition latest = state.latestProcess(process.bpmnProcessId()).orElse(null);
        ProcessDefinition definition;
        if (latest != null && latest.checksum().equals(checksum + ":" + process.bpmnProcessId())) {
          definition = latest;
        } else {
          definition =
              new ProcessDefinition(
                  state.nextKey(), process.bpmnProcessId(), latest == null ? 1 : latest.version() + 1,
                  p.name, p.resource, checksum + ":" + process.bpmnProcessId(), deploymentKey, now, process);
          state.addProcessDefinition(definition, true);
        }
        processes.add(
            new DeploymentResult.Process(
                definition.bpmnProcessId(), definition.version(), definition.key(), definition.resourceName()));
      }
      if (p.drg != null) {
        DecisionRequirements latest = state.latestDecisionRequirements(p.drg.drgId()).orElse(null);
        DecisionRequirements drg;
        boolean isNew = latest == null || !latest.checksum().equals(checksum);
        if (isNew) {
          drg =
              new DecisionRequirements(
                  state.nextKey(), p.drg.drgId(), p.drg.name(), latest == null ? 1 : latest.version() + 1,
                  p.name, p.resource, checksum, deploymentKey, p.drg.parsed());
          state.addDecisionRequirements(drg, true);
        } else {
          drg = latest;
        }
        drgs.add(
            new DeploymentResult.DecisionRequirementsInfo(
                drg.drgId(), drg.name(), drg.version(), drg.key(), drg.resourceName()));
        for (DmnSupport.ParsedDrg.Decision d : p.drg.decisions()) {
          DecisionDefinition decision;
          if (isNew) {
            int version = state.latestDecision(d.id()).map(x -> x.version() + 1).orElse(1);
            decision =
                new DecisionDefinition(
                    state.nextKey(), d.id(), d.name(), version, drg.key(), drg.drgId(), deploymentKey);
            state.addDecision(decision, true);
          } else {
            decision = state.latestDecision(d.id()).orElseThrow();
          }
          decisions.add(
              new DeploymentResult.Decision(
                  decision.decisionId(), decision.name(), decision.version(), decision.key(),
                  decision.drgId(), decision.decisionRequirementsKey()));
        }
      }
    }
    return new DeploymentResult(deploymentKey, processes, drgs, decisions);
  }

  private Parsed parse(String name, byte[] resource) throws Rejection {
    String lower = name.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".bpmn") || lower.endsWith(".xml")) {
        return new Parsed(name, resource, transformer.transform(name, resource), null);
      } else if (lower.endsWith(".dmn")) {
        return new Parsed(name, resource, List.of(), dmn.parse(name, resource));
      }
    } catch (DeploymentException e) {
      throw Rejection.invalidArgument(
          "Expected to deploy new resources, but encountered the following errors:\n" + e.getMessage());
    }
    throw Rejection.invalidArgument(
        "Expected to deploy new resources, but encountered the following errors:\n'" + name
            + "': resource type is not supported; expected a .bpmn, .xml or .dmn file");
  }

  /** Re-reads a stored process definition (on start). */
  ExecutableProcess reread(String name, byte[] resource, String bpmnProcessId) throws DeploymentException {
    return transformer.transform(name, resource).stream()
        .filter(p -> p.bpmnProcessId().equals(bpmnProcessId))
        .findFirst()
        .orElseThrow(() -> new DeploymentException("stored resource '" + name + "' lost process " + bpmnProcessId));
  }

  DmnSupport dmn() {
    return dmn;
  }

  static String checksum(byte[] resource) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resource));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Parsed(String name, byte[] resource, List<ExecutableProcess> processes, DmnSupport.ParsedDrg drg) {}
}
