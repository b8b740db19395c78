package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code flep.engine} switch: remote starts nothing, unknown values fail fast. */
class EmbeddedEngineInitializerTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withInitializer(new EmbeddedEngineInitializer());

  @Test
  void remoteModeStartsNothingAndKeepsCamundaClientSettings() {
    runner
        .withPropertyValues(
            "flep.engine=remote", "camunda.client.grpc-address=https://zeebe.example.invalid:443")
        .run(
            context -> {
              assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedEngine.class);
              assertThat(context.getEnvironment().getProperty("camunda.client.grpc-address"))
                  .isEqualTo("https://zeebe.example.invalid:443");
            });
  }

  @Test
  void disabledClientStartsNothing() {
    runner
        .withPropertyValues("camunda.client.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(EmbeddedEngine.class));
  }

  @Test
  void unknownModeFailsFast() {
    runner
        .withPropertyValues("flep.engine=remot")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .hasMessageContaining("flep.engine must be 'embedded' or 'remote'"));
  }

  @Test
  void embeddedModeIsTheDefaultAndStopsWithTheContext() {
    EmbeddedEngine[] seen = new EmbeddedEngine[1];
    runner.run(
        context -> {
          assertThat(context).hasNotFailed().hasSingleBean(EmbeddedEngine.class);
          seen[0] = context.getBean(EmbeddedEngine.class);
          assertThat(context.getEnvironment().getProperty("camunda.client.grpc-address"))
              .isEqualTo(seen[0].grpcAddress().toString());
          assertThat(context.getEnvironment().getProperty("camunda.client.prefer-rest-over-grpc"))
              .isEqualTo("false");
        });
    assertThat(seen[0].isRunning()).isFalse();
  }
}
