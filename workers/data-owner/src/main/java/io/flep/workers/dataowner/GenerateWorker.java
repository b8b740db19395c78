package io.flep.workers.dataowner;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.config.DataOwnerRole;
import io.flep.workers.config.Parties;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.Ref;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.util.List;
import java.util.Map;

/** Generate: device images arrive (from a folder, or the shipped digits) and are bundled as one upload. */
@DataOwnerRole
public class GenerateWorker {
  private final StageRunner runner;
  private final ArtifactStore artifacts;

  public GenerateWorker(StageRunner runner, ArtifactStore artifacts) {
    this.runner = runner;
    this.artifacts = artifacts;
  }

  @JobWorker(type = JobTypes.GENERATE)
  public Map<String, Object> generate(ActivatedJob job) {
    return runner.run(job, Stage.GENERATE, Parties.DATA_OWNER, () -> {
      JobVariables vars = new JobVariables(job);
      String source = vars.stringOr("dataSource", DeviceDataSource.BUILTIN_DIGITS);
      List<DeviceImage> images = DeviceDataSource.read(source);
      Ref batch = artifacts.put(vars.runId(), new ArtifactStore.NewArtifact(
          "device-batch", Parties.DATA_OWNER, DeviceBatch.MEDIA_TYPE, DeviceBatch.encode(images), null));
      return TaskResult.of(
          Map.of("rawDataRef", batch.toVariable()),
          Map.of("images", images.size(), "source", source));
    });
  }
}
