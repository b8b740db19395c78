package io.flep.workers.evaluation;

import io.flep.workers.task.RunFinishedEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Evaluation mode ({@code flep.evaluation=true}, what {@code ./flep run} sets): one {@link PlaintextEvaluation} for
 * this process, unless the launcher of several parties in one JVM supplies the one they share.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "flep.evaluation", havingValue = "true")
public class EvaluationConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PlaintextEvaluation plaintextEvaluation() {
    return new PlaintextEvaluation();
  }

  @Bean
  EvaluationCleanup evaluationCleanup(PlaintextEvaluation evaluation) {
    return new EvaluationCleanup(evaluation);
  }

  /** Forgets a run's plaintexts when it ends. */
  static final class EvaluationCleanup {
    private final PlaintextEvaluation evaluation;

    EvaluationCleanup(PlaintextEvaluation evaluation) {
      this.evaluation = evaluation;
    }

    @EventListener
    public void onRunFinished(RunFinishedEvent event) {
      evaluation.forget(event.runId());
    }
  }
}
