package io.flep.workers.run;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.workers.store.RunRepository;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.RunFinishedEvent;
import org.springframework.context.ApplicationEventPublisher;
import io.flep.workers.config.DataOwnerRole;

/**
 * The end-event listener of every end of the lifecycle, run by the coordinator (the data owner, who started the
 * run and keeps its record): records how the run ended. {@code outcome} is set by
 * the end event ({@code completed}, or the reason the run was rejected).
 */
@DataOwnerRole
public class RunFinishedWorker {
  private final RunRepository runs;
  private final ApplicationEventPublisher events;

  public RunFinishedWorker(RunRepository runs, ApplicationEventPublisher events) {
    this.runs = runs;
    this.events = events;
  }

  @JobWorker(type = JobTypes.RUN_FINISHED)
  public void finished(ActivatedJob job) {
    JobVariables vars = new JobVariables(job);
    String outcome = vars.stringOr("outcome", "completed");
    String status = "completed".equals(outcome) ? "COMPLETED" : "REJECTED";
    runs.finish(vars.runId(), status, outcome, null);
    events.publishEvent(new RunFinishedEvent(vars.runId(), status));
  }
}
