package io.flep.engine.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.flep.engine.query.EngineQueries;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Everything is in the database: an engine stopped in the middle of instances and started again
 * on the same schema continues them (deployments, variables, jobs, incidents, multi-instance
 * bookkeeping), and keys are never handed out twice.
 */
class DurabilityTest extends ConformanceTest {

  @Test
  void aRestartedEngineContinuesWhereTheOldOneStopped() {
    deploy(Bpmn.createExecutableProcess("durable")
        .startEvent()
        .serviceTask("first", t -> t.zeebeJobType("dur-first"))
        .serviceTask("each", t -> t.zeebeJobType("dur-each")
            .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("items").zeebeInputElement("item")
                .zeebeOutputCollection("outs").zeebeOutputElementExpression("out")))
        .serviceTask("fragile", t -> t.zeebeJobType("dur-fragile").zeebeJobRetries("1"))
        .endEvent()
        .done());
    long key = start("durable", Map.of("items", List.of("a", "b", "c")));
    ActivatedJob first = activate("dur-first", 1).get(0);
    client().newCompleteCommand(first).variables(Map.of("seen", "first")).send().join();
    List<ActivatedJob> each = activate("dur-each", 3);
    assertThat(each).hasSize(3);
    client().newCompleteCommand(each.get(0)).variables(Map.of("out", 1)).send().join();

    harness.stop();
    harness.start();

    // the two activated-but-unanswered jobs are still activated after the restart: complete them
    client().newCompleteCommand(each.get(1)).variables(Map.of("out", 2)).send().join();
    client().newCompleteCommand(each.get(2)).variables(Map.of("out", 3)).send().join();
    ActivatedJob fragile = activate("dur-fragile", 1).get(0);
    client().newFailCommand(fragile).retries(0).errorMessage("broken").send().join();
    EngineQueries.IncidentView incident = awaitIncident(key);

    harness.stop();
    harness.start();

    client().newUpdateRetriesCommand(incident.jobKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.key()).send().join();
    ActivatedJob again = activate("dur-fragile", 1).get(0);
    assertThat(again.getKey()).isEqualTo(fragile.getKey());
    assertThat(again.getVariablesAsMap()).containsEntry("seen", "first").containsEntry("outs", List.of(1, 2, 3));
    client().newCompleteCommand(again).send().join();
    awaitState(key, "COMPLETED");

    // new keys after the restarts do not collide with any stored one
    long next = start("durable", Map.of("items", List.of()));
    assertThat(next).isGreaterThan(again.getKey());
  }

  @Test
  void anEmbeddedEngineReleasesTheJobsItsDeadWorkersHeld() {
    deploy(Bpmn.createExecutableProcess("released")
        .startEvent().serviceTask("t", t -> t.zeebeJobType("dur-released")).endEvent().done());
    start("released", Map.of());
    ActivatedJob held = activate("dur-released", 1).get(0);

    harness.stop();
    harness.start(true);
    try {
      // without the release the job would stay with its dead worker for the minute it asked for
      List<ActivatedJob> again = activate("dur-released", 1);
      assertThat(again).extracting(ActivatedJob::getKey).containsExactly(held.getKey());
    } finally {
      harness.stop();
      harness.start();
    }
  }

  private List<ActivatedJob> activate(String type, int count) {
    return client().newActivateJobsCommand().jobType(type).maxJobsToActivate(count)
        .timeout(Duration.ofMinutes(1)).requestTimeout(Duration.ofSeconds(10)).send().join().getJobs();
  }
}
