package io.flep.engine.processing;

import io.flep.engine.expression.VariableLookup;
import io.flep.engine.model.Mapping;
import io.flep.engine.state.ElementInstance;
import io.flep.engine.state.EngineState;
import io.flep.engine.state.Variable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Variable scoping as Zeebe documents it: each element instance is a scope; a name resolves to the
 * nearest scope that defines it; merged variables (job completion, output mappings, error and
 * message variables) update the nearest scope that already has them, or else the process instance.
 */
final class Variables {
  private final EngineState state;

  Variables(EngineState state) {
    this.state = state;
  }

  /** Variables visible from {@code scope}, read lazily. */
  VariableLookup lookup(ElementInstance scope) {
    return name -> find(scope, name).map(v -> Json.read(v.json));
  }

  /** {@code base} with {@code overlay} on top (for values only a condition should see). */
  static VariableLookup overlay(VariableLookup base, Map<String, Object> overlay) {
    return name -> overlay.containsKey(name) ? Optional.ofNullable(overlay.get(name)) : base.get(name);
  }

  private Optional<Variable> find(ElementInstance scope, String name) {
    ElementInstance current = scope;
    while (current != null) {
      Optional<Variable> local = state.localVariable(current.key(), name);
      if (local.isPresent()) {
        return local;
      }
      current = parent(current);
    }
    return Optional.empty();
  }

  ElementInstance parent(ElementInstance instance) {
    return instance.flowScopeKey() < 0 ? null : state.elementInstance(instance.flowScopeKey()).orElse(null);
  }

  void setLocal(ElementInstance scope, String name, Object value) {
    state.setLocalVariable(scope.key(), scope.processInstanceKey(), name, Json.write(value));
  }

  void setLocal(ElementInstance scope, Map<String, Object> variables) {
    variables.forEach((name, value) -> setLocal(scope, name, value));
  }

  /** Merges into the nearest scope (from {@code from} up) that has each variable, else the root. */
  void propagate(ElementInstance from, Map<String, Object> variables) {
    for (Map.Entry<String, Object> entry : variables.entrySet()) {
      ElementInstance current = from;
      while (true) {
        if (state.localVariable(current.key(), entry.getKey()).isPresent()) {
          break;
        }
        ElementInstance parent = parent(current);
        if (parent == null) {
          break;
        }
        current = parent;
      }
      setLocal(current, entry.getKey(), entry.getValue());
    }
  }

  /**
   * Variables an element produced (job completion, script or decision result, caught error):
   * without output mappings they propagate from the element; with output mappings they become
   * local to it and only the mappings' results leave it.
   */
  void mergeResult(ElementInstance instance, boolean hasOutputMappings, Map<String, Object> variables) {
    if (variables.isEmpty()) {
      return;
    }
    if (hasOutputMappings) {
      setLocal(instance, variables);
    } else {
      propagate(instance, variables);
    }
  }

  /** Evaluates output mappings in the element's scope and merges the results into its flow scope. */
  void applyOutputs(ElementInstance instance, List<Mapping> outputs, Evaluator evaluator)
      throws StepFailure {
    if (outputs.isEmpty()) {
      return;
    }
    Map<String, Object> results = new LinkedHashMap<>();
    VariableLookup lookup = lookup(instance);
    for (Mapping mapping : outputs) {
      Object value = evaluator.evaluate(mapping.source(), lookup, "IO_MAPPING_ERROR");
      assign(results, mapping.target(), value, name -> lookupInFlowScope(instance, name));
    }
    ElementInstance flowScope = parent(instance);
    propagate(flowScope == null ? instance : flowScope, results);
  }

  /** Evaluates input mappings; each result becomes a local variable of the element. */
  void applyInputs(ElementInstance instance, List<Mapping> inputs, Evaluator evaluator)
      throws StepFailure {
    for (Mapping mapping : inputs) {
      Object value = evaluator.evaluate(mapping.source(), lookup(instance), "EXTRACT_VALUE_ERROR");
      Map<String, Object> result = new LinkedHashMap<>();
      assign(result, mapping.target(), value, name -> lookup(instance).get(name).orElse(null));
      setLocal(instance, result);
    }
  }

  private Object lookupInFlowScope(ElementInstance instance, String name) {
    ElementInstance flowScope = parent(instance);
    return flowScope == null ? null : lookup(flowScope).get(name).orElse(null);
  }

  /** Sets {@code target} (a name or a dotted path into a context) in {@code results}. */
  @SuppressWarnings("unchecked")
  private static void assign(
      Map<String, Object> results,
      String target,
      Object value,
      java.util.function.Function<String, Object> existing) {
    String[] path = target.split("\\.");
    if (path.length == 1) {
      results.put(target, value);
      return;
    }
    Object root = results.containsKey(path[0]) ? results.get(path[0]) : existing.apply(path[0]);
    Map<String, Object> top =
        root instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
    results.put(path[0], top);
    Map<String, Object> current = top;
    for (int i = 1; i < path.length - 1; i++) {
      Object next = current.get(path[i]);
      Map<String, Object> child =
          next instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : new LinkedHashMap<>();
      current.put(path[i], child);
      current = child;
    }
    current.put(path[path.length - 1], value);
  }

  /** All variables visible from {@code scope} (nearest wins) as one JSON object; {@code names} filters if not empty. */
  String document(ElementInstance scope, Collection<String> names) {
    Map<String, String> visible = new LinkedHashMap<>();
    ElementInstance current = scope;
    while (current != null) {
      for (Variable variable : state.localVariables(current.key()).values()) {
        if (names.isEmpty() || names.contains(variable.name)) {
          visible.putIfAbsent(variable.name, variable.json);
        }
      }
      current = parent(current);
    }
    StringBuilder json = new StringBuilder("{");
    for (Map.Entry<String, String> entry : visible.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(Json.write(entry.getKey())).append(':').append(entry.getValue());
    }
    return json.append('}').toString();
  }

  /** Local variables of a scope as values. */
  Map<String, Object> locals(ElementInstance scope) {
    Map<String, Object> values = new LinkedHashMap<>();
    state.localVariables(scope.key()).forEach((name, variable) -> values.put(name, Json.read(variable.json)));
    return values;
  }

  /** Evaluates expressions, turning failures into step failures of a given incident type. */
  @FunctionalInterface
  interface Evaluator {
    Object evaluate(io.flep.engine.expression.Expression expression, VariableLookup variables, String errorType)
        throws StepFailure;
  }
}
