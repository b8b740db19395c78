package io.flep.workers.task;

import io.camunda.client.api.response.ActivatedJob;
import io.flep.exchange.ExchangeRef;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.failure.PolicyRefusedException;
import io.flep.workers.store.Ref;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/** Typed, validated access to a job's variables and headers; errors name the variable. */
public final class JobVariables {
  private final ActivatedJob job;
  private final Map<String, Object> variables;

  public JobVariables(ActivatedJob job) {
    this.job = job;
    this.variables = job.getVariablesAsMap();
  }

  public UUID runId() {
    String value = string("runId");
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("process variable 'runId' is not a UUID: " + value);
    }
  }

  public Integer roundOrNull() {
    Object value = variables.get("round");
    return value instanceof Number n ? n.intValue() : null;
  }

  public int round() {
    Integer round = roundOrNull();
    if (round == null) {
      throw new BadInputException("process variable 'round' is missing");
    }
    return round;
  }

  public String string(String name) {
    Object value = variables.get(name);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new BadInputException("process variable '" + name + "' is missing or not a string");
    }
    return s;
  }

  public String stringOr(String name, String fallback) {
    Object value = variables.get(name);
    return value instanceof String s && !s.isBlank() ? s : fallback;
  }

  public long longOr(String name, long fallback) {
    Object value = variables.get(name);
    return value instanceof Number n ? n.longValue() : fallback;
  }

  /**
   * A number variable, or {@code fallback} if absent.
   *
   * @throws BadInputException if it is present but not a number
   */
  public double doubleOr(String name, double fallback) {
    Object value = variables.get(name);
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof Number n)) {
      throw new BadInputException("process variable '" + name + "' must be a number: " + value);
    }
    return n.doubleValue();
  }

  public List<String> strings(String name) {
    Object value = variables.get(name);
    if (!(value instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(String.class::isInstance)) {
      throw new BadInputException("process variable '" + name + "' must be a non-empty list of strings: " + value);
    }
    return list.stream().map(String.class::cast).toList();
  }

  /** A reference to an exchange object. */
  public ExchangeRef exchangeRef(String name) {
    return exchangeRef(name, variables.get(name));
  }

  public ExchangeRef exchangeRefOrNull(String name) {
    Object value = variables.get(name);
    return value == null ? null : exchangeRef(name, value);
  }

  /**
   * Exchange references in a list variable; null entries are skipped (the output collection of a multi-instance that
   * completed early holds null for the instances it cancelled).
   */
  public List<ExchangeRef> exchangeRefs(String name) {
    Object value = variables.get(name);
    if (!(value instanceof List<?> list)) {
      throw new BadInputException("process variable '" + name + "' must be a list of exchange references: " + value);
    }
    return list.stream().filter(Objects::nonNull).map(v -> exchangeRef(name, v)).toList();
  }

  /** The exchange reference under {@code key} in the map variable {@code name}. */
  public ExchangeRef exchangeRefIn(String name, String key) {
    Object value = variables.get(name);
    if (!(value instanceof Map<?, ?> map) || map.get(key) == null) {
      throw new BadInputException("process variable '" + name + "' holds no exchange reference for '" + key + "': "
          + value);
    }
    return exchangeRef(name + "." + key, map.get(key));
  }

  private static ExchangeRef exchangeRef(String name, Object value) {
    try {
      return ExchangeRef.fromVariable(name, value);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  public Ref ref(String name) {
    return Ref.fromVariable(name, variables.get(name));
  }

  /** The private-store reference under {@code key} in the map variable {@code name}. */
  public Ref refIn(String name, String key) {
    Object value = variables.get(name);
    if (!(value instanceof Map<?, ?> map) || map.get(key) == null) {
      throw new BadInputException("process variable '" + name + "' holds no reference for '" + key + "': " + value);
    }
    return Ref.fromVariable(name + "." + key, map.get(key));
  }

  public Ref refOrNull(String name) {
    Object value = variables.get(name);
    return value == null ? null : Ref.fromVariable(name, value);
  }

  /**
   * The plugin a task uses: the run policy's choice ({@code chosen}; the data owner signs every run's choice, {@link
   * io.flep.workers.policy.RunPolicy}), else {@code fallback} for a policy that names none. Never a task header or a
   * process variable: whoever deploys the model does not pick a run's cipher.
   *
   * @throws PolicyRefusedException if the task header {@code name} names another plugin than the policy (a model
   *     that says one thing while the run does another is refused, not silently overridden)
   */
  public String pluginChoice(String name, String chosen, String fallback) {
    String choice = chosen != null && !chosen.isBlank() ? chosen : fallback;
    String header = job.getCustomHeaders().get(name);
    if (header != null && !header.isBlank() && !header.equals(choice)) {
      throw new PolicyRefusedException("the model's task header " + name + " names " + header + ", but the signed run"
          + " policy chose " + choice + "; the policy decides: deploy a model without that header, or run with "
          + header);
    }
    return choice;
  }

  /**
   * Plugin options of the task, validated against the plugin's declared parameters before the plugin sees them:
   * {@code runOptions}, the run policy's, signed by the data owner (e.g. {@code denoiser=dncnn}); the plugin's
   * declared defaults for the rest. A task header {@code <prefix>.<option>} may only repeat the policy's value: an
   * option that changes a cipher or key (a key size, a threshold) is never set by whoever deploys the model. Options
   * are settings, never secrets; process variables never set them.
   *
   * @throws PolicyRefusedException for a task header option the policy does not set to the same value
   * @throws io.flep.plugin.api.param.InvalidPluginOptionException for an unknown option or a value outside its
   *     domain, naming the plugin, the option, the closest known name and where the option came from (bad input)
   */
  public ParameterValues pluginOptions(String prefix, String pluginId, ParameterSet parameters,
      Map<String, String> runOptions) {
    Map<String, String> options = new TreeMap<>(runOptions);
    job.getCustomHeaders().forEach((k, v) -> {
      if (k.startsWith(prefix + ".")) {
        String option = k.substring(prefix.length() + 1);
        if (!v.equals(runOptions.get(option))) {
          throw new PolicyRefusedException("the model's task header " + k + "=" + v + " sets an option of "
              + pluginId + " that the signed run policy " + (runOptions.containsKey(option)
                  ? "sets to " + runOptions.get(option) : "does not set") + "; options come from the policy only");
        }
      }
    });
    return parameters.validate(pluginId, options, option -> "the run policy's " + prefix + "Options");
  }

  /** Every variable of the job, as the engine gave them. */
  public Map<String, Object> all() {
    return variables;
  }
}
