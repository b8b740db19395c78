package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.evaluation.PlaintextEvaluation;
import org.springframework.beans.factory.ObjectProvider;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.flep.workers.policy.RunPolicies;

/**
 * Analyze, part 1: the analyst decrypts its shard into its own workspace, once per run (later rounds reuse it;
 * a restarted worker decrypts again). In evaluation mode ({@link PlaintextEvaluation}) the stage also records the
 * shard's decryption PSNR against the data owner's plaintext, which the run report lists per analyst.
 */
@AnalystRole
public class DecryptWorker {
  private final StageRunner runner;
  private final ShardDecryptor decryptor;
  private final AnalystWorkspace workspace;
  private final ObjectProvider<PlaintextEvaluation> evaluation;
  private final PartyIdentities identities;

  private final RunPolicies policies;

  public DecryptWorker(StageRunner runner, ShardDecryptor decryptor, AnalystWorkspace workspace,
      ObjectProvider<PlaintextEvaluation> evaluation, PartyIdentities identities, RunPolicies policies) {
    this.policies = policies;
    this.identities = identities;
    this.runner = runner;
    this.decryptor = decryptor;
    this.workspace = workspace;
    this.evaluation = evaluation;
  }

  @JobWorker(type = JobTypes.ANALYST_DECRYPT)
  public Map<String, Object> decrypt(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = AnalystJobs.named(job);
    return runner.run(job, Stage.ANALYZE, analystId, () -> {
      AnalystJobs.analystOf(job);
      UUID runId = vars.runId();
      AnalystShards.shardOf(policies.of(vars), analystId);
      Map<String, Object> details = new LinkedHashMap<>();
      Optional<List<LabeledImage>> held = workspace.get(runId, analystId);
      if (held.isPresent()) {
        // one data key per run: a later round's shard is the one this worker already decrypted
        details.put("images", held.get().size());
        details.put("reused", true);
        return TaskResult.of(Map.of(), details);
      }
      List<LabeledImage> shard = decryptor.decrypt(runId, identities.of(analystId, Roles.ANALYST),
          vars.exchangeRefIn("dataKeyEnvelopeRefs", analystId));
      workspace.put(runId, analystId, shard);
      details.put("images", shard.size());
      PlaintextEvaluation evaluator = evaluation.getIfAvailable();
      if (evaluator != null) {
        evaluator.psnrDb(runId, analystId, shard.stream().map(LabeledImage::pixels).toList()).ifPresent(psnr -> {
          details.put("identical", Double.isInfinite(psnr));
          if (Double.isFinite(psnr)) {
            details.put("psnrDb", Math.round(psnr * 100) / 100.0);
          }
        });
      }
      return TaskResult.of(Map.of(), details);
    });
  }
}
