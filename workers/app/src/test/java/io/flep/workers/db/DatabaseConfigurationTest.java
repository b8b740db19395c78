package io.flep.workers.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Review finding L11: the private database's pool grows with the worker threads, so they cannot starve it. */
class DatabaseConfigurationTest {

  @Test
  void everyWorkerThreadGetsTwoConnectionsAndTwoAreSpare() {
    assertThat(DatabaseConfiguration.poolSize(1)).isEqualTo(4);
    assertThat(DatabaseConfiguration.poolSize(4)).as("application.yaml's 4 threads").isEqualTo(10);
    assertThat(DatabaseConfiguration.poolSize(16)).isEqualTo(34);
  }

  @Test
  void aThreadCountThePoolCannotServeIsRefusedAtStartUp() {
    assertThatThrownBy(() -> DatabaseConfiguration.poolSize(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("camunda.client.execution-threads=0");
    assertThatThrownBy(() -> DatabaseConfiguration.poolSize(64)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("camunda.client.execution-threads=64").hasMessageContaining("choose 1 to 40");
  }
}
