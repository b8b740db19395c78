package io.flep.workers.analyst;

import io.camunda.client.CamundaClient;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the analyst's job workers under its own job types only ({@code flep.analyst.<id>.decrypt}, {@code .train},
 * {@code .secure-model}), so that an analyst's worker is never offered another analyst's jobs. The handlers are the
 * {@code @JobWorker} methods of {@link DecryptWorker}, {@link TrainWorker} and {@link SecureModelWorker}, kept as
 * templates by {@link AnalystTemplates}.
 */
@AnalystRole
public class AnalystJobWorkers {
  private final AnalystTemplates templates;
  private final JobWorkerManager workers;
  private final CamundaClient client;
  private final PartyIdentities identities;
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  public AnalystJobWorkers(AnalystTemplates templates, JobWorkerManager workers, CamundaClient client,
      PartyIdentities identities) {
    this.templates = templates;
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
    for (String template : AnalystTemplates.TYPES) {
      workers.openWorker(client, templates.forAnalyst(template, analystId).orElseThrow(() ->
          new IllegalStateException("no @JobWorker for the analyst task " + template)));
    }
  }
}
