package io.flep.workers.learning;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One model architecture for the whole run; trainer and evaluator are thread-safe. */
@Configuration(proxyBeanMethods = false)
public class LearningConfiguration {

  @Bean
  DigitModel digitModel() {
    LearningRuntime.ensureInitialized();
    return new DigitModel();
  }

  @Bean
  LocalTrainer localTrainer(DigitModel model) {
    return new LocalTrainer(model);
  }

  @Bean
  ModelEvaluator modelEvaluator(DigitModel model) {
    return new ModelEvaluator(model);
  }
}
