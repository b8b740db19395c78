package io.flep.workers.analyst;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.AnalystRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.dataset.LabeledImage;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.Roles;
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

/**
 * Analyze, part 1: the analyst decrypts its shard into its own workspace, once per run (later rounds reuse it;
 * a restarted worker decrypts again). With
 * {@code flep.verify-against-plaintext} (default) the stage also records the shard's decryption PSNR against the
 * plaintext ({@link DecryptionFidelity}), which the run report lists per analyst.
 */
@AnalystRole
public class DecryptWorker {
  private final StageRunner runner;
  private final ShardDecryptor decryptor;
  private final AnalystWorkspace workspace;
  private final DecryptionFidelity fidelity;
  private final FlepProperties properties;
  private final PartyIdentities identities;

  public DecryptWorker(StageRunner runner, ShardDecryptor decryptor, AnalystWorkspace workspace,
      DecryptionFidelity fidelity, FlepProperties properties, PartyIdentities identities) {
    this.identities = identities;
    this.runner = runner;
    this.decryptor = decryptor;
    this.workspace = workspace;
    this.fidelity = fidelity;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.ANALYST_DECRYPT)
  public Map<String, Object> decrypt(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String analystId = vars.string("analystId");
    return runner.run(job, Stage.ANALYZE, analystId, () -> {
      UUID runId = vars.runId();
      int shardIndex = AnalystShards.shardOf(vars, analystId);
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
      if (properties.verifyAgainstPlaintext()) {
        double psnr = fidelity.psnrDb(runId, shardIndex, shard);
        details.put("identical", Double.isInfinite(psnr));
        if (Double.isFinite(psnr)) {
          details.put("psnrDb", Math.round(psnr * 100) / 100.0);
        }
      }
      return TaskResult.of(Map.of(), details);
    });
  }
}
