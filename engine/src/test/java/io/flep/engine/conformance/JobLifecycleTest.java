package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Job retries with back-off, incidents when retries run out, job timeouts, UpdateJobRetries. */
class JobLifecycleTest extends ConformanceTest {

  @Test
  void failedJobsAreRetriedAfterTheirBackOffUntilTheyRunOutThenRaiseAnIncident() {
    deploy(Bpmn.createExecutableProcess("retry")
        .startEvent().serviceTask("flaky", t -> t.zeebeJobType("job-flaky").zeebeJobRetries("2")).endEvent().done());
    List<Long> attempts = new CopyOnWriteArrayList<>();
    worker("job-flaky", (client, job) -> {
      attempts.add(System.currentTimeMillis());
      client.newFailCommand(job).retries(job.getRetries() - 1).errorMessage("disk full")
          .retryBackoff(Duration.ofMillis(300)).send().join();
    });
    long key = start("retry", Map.of());
    EngineQueries.IncidentView incident = awaitIncident(key);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("disk full");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(1) - attempts.get(0)).isGreaterThanOrEqualTo(300);
  }

  @Test
  void updatingRetriesAndResolvingTheIncidentLetsTheJobRunAgain() {
    deploy(Bpmn.createExecutableProcess("resolve")
        .startEvent().serviceTask("once", t -> t.zeebeJobType("job-once").zeebeJobRetries("1")).endEvent().done());
    AtomicInteger calls = new AtomicInteger();
    worker("job-once", (client, job) -> {
      if (calls.incrementAndGet() == 1) {
        client.newFailCommand(job).retries(0).errorMessage("first try fails").send().join();
      } else {
        client.newCompleteCommand(job).send().join();
      }
    });
    long key = start("resolve", Map.of());
    EngineQueries.IncidentView incident = awaitIncident(key);
    client().newUpdateRetriesCommand(incident.jobKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.key()).send().join();
    awaitState(key, "COMPLETED");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aJobWhoseWorkerDiedIsActivatedAgainAfterItsTimeout() {
    deploy(Bpmn.createExecutableProcess("timeout")
        .startEvent().serviceTask("slow", t -> t.zeebeJobType("job-timeout")).endEvent().done());
    long key = start("timeout", Map.of());
    List<ActivatedJob> first =
        client().newActivateJobsCommand().jobType("job-timeout").maxJobsToActivate(1)
            .timeout(Duration.ofMillis(300)).send().join().getJobs();
    assertThat(first).hasSize(1);
    // the "dead" worker never answers; after the timeout another worker gets the same job
    await().atMost(TIMEOUT).until(() -> !client().newActivateJobsCommand().jobType("job-timeout")
        .maxJobsToActivate(1).timeout(Duration.ofSeconds(30)).send().join().getJobs().isEmpty());
    EngineQueries.JobView job = queries().jobs(key).get(0);
    assertThat(job.key()).isEqualTo(first.get(0).getKey());
    assertThat(job.state()).isEqualTo("ACTIVATED");
  }

  @Test
  void longPollingAnswersAsSoonAsAJobIsCreated() {
    deploy(Bpmn.createExecutableProcess("long-poll")
        .startEvent().serviceTask("t", t -> t.zeebeJobType("job-long-poll")).endEvent().done());
    var pending = client().newActivateJobsCommand().jobType("job-long-poll").maxJobsToActivate(1)
        .requestTimeout(Duration.ofSeconds(15)).send();
    start("long-poll", Map.of());
    // without long polling the request would have been answered empty before the job existed
    assertThat(pending.join().getJobs()).hasSize(1);
  }
}
