package io.flep.workers.analyst;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.Roles;
import io.flep.workers.task.JobTypes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the analyst's job workers under its own job types only ({@code flep.analyst.<id>.decrypt}, {@code .train},
 * {@code .secure-model}), so that an analyst's worker is never offered another analyst's jobs. The handlers are the
 * {@code @JobWorker} methods of {@link DecryptWorker}, {@link TrainWorker} and {@link SecureModelWorker}, whose
 * annotations are templates (disabled: nobody's job has the template type).
 */
@AnalystRole
public class AnalystJobWorkers {
  static final List<String> TEMPLATES = List.of(JobTypes.ANALYST_DECRYPT, JobTypes.TRAIN, JobTypes.SECURE_MODEL);

  private final JobWorkerManager workers;
  private final CamundaClient client;
  private final PartyIdentities identities;
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  public AnalystJobWorkers(JobWorkerManager workers, CamundaClient client, PartyIdentities identities) {
    this.workers = workers;
    this.client = client;
    this.identities = identities;
  }

  /**
   * Registers analyst {@code analystId} in the exchange and opens its job workers (once).
   *
   * @throws IllegalStateException if a template's worker configuration is missing
   */
  public void actFor(String analystId) {
    if (!opened.add(analystId)) {
      return;
    }
    identities.of(analystId, Roles.ANALYST);
    for (String template : TEMPLATES) {
      JobWorkerValue value = workers.findJobWorkerConfigByType(template).orElseThrow(() -> new IllegalStateException(
          "no @JobWorker for the analyst task " + template));
      workers.openWorker(client, forAnalyst(value, analystId));
    }
  }

  private static JobWorkerValue forAnalyst(JobWorkerValue template, String analystId) {
    JobWorkerValue value = new JobWorkerValue(JobTypes.forAnalyst(analystId, template.getType()),
        template.getName() + "-" + analystId, template.getTimeout(), template.getMaxJobsActive(),
        template.getRequestTimeout(), template.getPollInterval(), template.getAutoComplete(),
        template.getFetchVariables(), true, template.getMethodInfo(), template.getTenantIds(),
        template.getForceFetchAllVariables(), template.getStreamEnabled(), template.getStreamTimeout(),
        template.getMaxRetries());
    return value;
  }
}
