package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** StreamActivatedJobs: jobs are pushed to open streams as soon as they are created. */
class JobStreamTest extends ConformanceTest {

  @Test
  void jobsArePushedToAnOpenStream() {
    deploy(Bpmn.createExecutableProcess("streamed")
        .startEvent().serviceTask("t", t -> t.zeebeJobType("streamed-task")).endEvent().done());
    List<ActivatedJob> pushed = new CopyOnWriteArrayList<>();
    var stream =
        client().newStreamJobsCommand()
            .jobType("streamed-task")
            .consumer(pushed::add)
            .workerName("streamer")
            .timeout(Duration.ofMinutes(1))
            .send();
    try {
      // the stream registers asynchronously; a job created before that is pushed when it does
      long key = start("streamed", Map.of("n", 1));
      await().atMost(TIMEOUT).until(() -> !pushed.isEmpty());
      ActivatedJob job = pushed.get(0);
      assertThat(job.getWorker()).isEqualTo("streamer");
      assertThat(job.getVariablesAsMap()).containsEntry("n", 1);
      client().newCompleteCommand(job).send().join();
      awaitState(job.getProcessInstanceKey(), "COMPLETED");
      assertThat(job.getProcessInstanceKey()).isEqualTo(key);
    } finally {
      stream.cancel(true);
    }
  }
}
