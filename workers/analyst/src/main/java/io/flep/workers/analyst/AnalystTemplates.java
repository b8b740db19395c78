package io.flep.workers.analyst;

import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.task.JobTypes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analyst tasks' {@code @JobWorker} methods are templates: their type ({@code flep.analyst.train}) is nobody's
 * job. This customizer keeps each template's worker settings and does not let the template itself be opened;
 * {@link AnalystJobWorkers} opens a copy per analyst under its own type.
 */
@AnalystRole
public class AnalystTemplates implements JobWorkerValueCustomizer {
  static final List<String> TYPES = List.of(JobTypes.ANALYST_DECRYPT, JobTypes.TRAIN, JobTypes.SECURE_MODEL);

  private final Map<String, JobWorkerValue> templates = new ConcurrentHashMap<>();

  @Override
  public void customize(JobWorkerValue value) {
    if (TYPES.contains(value.getType())) {
      templates.put(value.getType(), copy(value, value.getType(), value.getName()));
      value.setEnabled(false);
    }
  }

  /** The worker settings of {@code template} for {@code analystId}'s own job type. */
  Optional<JobWorkerValue> forAnalyst(String template, String analystId) {
    return Optional.ofNullable(templates.get(template)).map(t ->
        copy(t, JobTypes.forAnalyst(analystId, template), t.getName() + "-" + analystId));
  }

  private static JobWorkerValue copy(JobWorkerValue t, String type, String name) {
    return new JobWorkerValue(type, name, t.getTimeout(), t.getMaxJobsActive(), t.getRequestTimeout(),
        t.getPollInterval(), t.getAutoComplete(), t.getFetchVariables(), true, t.getMethodInfo(), t.getTenantIds(),
        t.getForceFetchAllVariables(), t.getStreamEnabled(), t.getStreamTimeout(), t.getMaxRetries());
  }
}
