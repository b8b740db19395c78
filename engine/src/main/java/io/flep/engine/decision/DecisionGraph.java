package io.flep.engine.decision;

import java.util.List;
import java.util.Objects;

/**
 * A parsed DMN decision requirements graph: one DMN resource ({@code definitions}) with its
 * decisions. Created by {@link DecisionEngine#parse}; immutable apart from {@link #parsed()}, which
 * nobody but {@link DecisionEngine} may touch.
 *
 * @param id the {@code id} of the {@code definitions} element
 * @param name its {@code name}, or its id when it has none
 * @param namespace its {@code namespace}
 * @param decisions the decisions in document order
 * @param xml the resource as deployed; the accessor returns a copy
 * @param parsed the library's parsed form, opaque to everyone but {@link DecisionEngine}
 */
public record DecisionGraph(
    String id, String name, String namespace, List<Decision> decisions, byte[] xml, Object parsed) {

  /**
   * A decision of the graph.
   *
   * @param id the decision id, which a business rule task's {@code decisionId} names
   * @param name the decision name, or its id when it has none
   */
  public record Decision(String id, String name) {

    /** Checks that both components are present. */
    public Decision {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  /** Checks the components and copies the mutable ones. */
  public DecisionGraph {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    decisions = List.copyOf(decisions);
    xml = xml.clone();
    Objects.requireNonNull(parsed, "parsed");
  }

  /**
   * Returns a copy of the resource as deployed.
   *
   * @return the DMN XML bytes
   */
  @Override
  public byte[] xml() {
    return xml.clone();
  }

  /**
   * Returns whether the graph has a decision with {@code decisionId}.
   *
   * @param decisionId a decision id
   * @return true if one of {@link #decisions()} has that id
   */
  public boolean hasDecision(String decisionId) {
    return decisions.stream().anyMatch(d -> d.id().equals(decisionId));
  }
}
