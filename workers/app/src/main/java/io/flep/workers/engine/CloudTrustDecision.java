package io.flep.workers.engine;

import io.flep.engine.decision.DecisionEngine;
import io.flep.engine.decision.DecisionException;
import io.flep.engine.decision.DecisionGraph;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The data owner's own evaluation of the trust decision {@code bpmn/cloud-trust.dmn}, the same table the model's
 * business rule task evaluates, on the data owner's own settings ({@code flep.cloud.attested}, {@code
 * flep.cloud.jurisdiction}) when it signs a run's policy. The policy's trusted clouds follow from this evaluation, not
 * from the model's: the decision's variables in the engine can be changed by any party completing a job, the signed
 * policy cannot.
 */
public final class CloudTrustDecision {
  /** The table's resource on the class path. */
  static final String RESOURCE = "/bpmn/cloud-trust.dmn";
  static final String DECISION = "cloud-trust";
  private static final DecisionEngine ENGINE = new DecisionEngine();
  private static final DecisionGraph GRAPH = parse();

  private CloudTrustDecision() {}

  /** Whether the cloud gets the homomorphic secret key: the table's {@code aggregationPath} is {@code trusted}. */
  public static boolean trusted(String cloudMode, boolean attested, String jurisdiction) {
    Map<String, Object> inputs = new HashMap<>();
    inputs.put("cloudMode", cloudMode);
    inputs.put("cloudAttested", attested);
    inputs.put("cloudJurisdiction", jurisdiction);
    try {
      return "trusted".equals(ENGINE.evaluate(GRAPH, DECISION, inputs));
    } catch (DecisionException e) {
      throw new IllegalStateException("the trust decision " + RESOURCE + " did not evaluate for cloud mode '"
          + cloudMode + "': " + e.getMessage(), e);
    }
  }

  private static DecisionGraph parse() {
    try (InputStream in = CloudTrustDecision.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path: the FLEP build is incomplete");
      }
      return ENGINE.parse("cloud-trust.dmn", in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    } catch (DecisionException e) {
      throw new IllegalStateException(RESOURCE + " does not parse: " + e.getMessage(), e);
    }
  }
}
