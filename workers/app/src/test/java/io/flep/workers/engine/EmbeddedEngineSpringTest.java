package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.flep.workers.run.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code flep.engine=embedded} gives the Camunda Spring SDK a working client on the loopback engine,
 * even when remote-looking {@code camunda.client.*} settings are present. No web server: only
 * Jackson, the Camunda auto-configuration, and the embedded PostgreSQL the engine keeps its state in.
 */
@SpringBootTest(
    classes = EmbeddedEngineSpringTest.TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "flep.engine=embedded",
      "camunda.client.grpc-address=http://camunda.example.invalid:26500",
      "camunda.client.prefer-rest-over-grpc=true"
    })
class EmbeddedEngineSpringTest {
  static final Path DATA = TestDirectories.create("embedded-engine-spring");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({JacksonAutoConfiguration.class, CamundaAutoConfiguration.class})
  static class TestApp {
    /**
     * The real app gets one from the actuator's metrics auto-configuration. Without any MeterRegistry
     * bean the SDK's Micrometer recorder throws inside the job poller and annotated workers silently
     * never run their jobs.
     */
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    GreetingWorker greetingWorker() {
      return new GreetingWorker();
    }
  }

  /** Job workers discovered by the SDK must be public. */
  public static class GreetingWorker {
    @JobWorker(type = "flep.test.greet")
    public Map<String, Object> greet(@Variable String name) {
      return Map.of("greeting", "hello " + name);
    }
  }

  @Autowired CamundaClient client;
  @Autowired EmbeddedEngine engine;
  @Autowired ConfigurableApplicationContext context;

  @Test
  void clientBeanTalksToTheLoopbackEngineOverGrpc() {
    assertThat(engine.isRunning()).isTrue();
    assertThat(client.getConfiguration().getGrpcAddress()).isEqualTo(engine.grpcAddress());
    assertThat(client.getConfiguration().getGrpcAddress().getHost()).isEqualTo("127.0.0.1");
    assertThat(client.getConfiguration().preferRestOverGrpc()).isFalse();
    // created after the engine and closed before it
    assertThat(context.getBeanFactory().getBeanDefinition("camundaClient").getDependsOn())
        .contains(EmbeddedEngineInitializer.ENGINE_BEAN);

    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("flep-test-greet")
                .startEvent()
                .serviceTask("greet", t -> t.zeebeJobType("flep.test.greet"))
                .endEvent()
                .done(),
            "flep-test-greet.bpmn")
        .send()
        .join();
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("flep-test-greet")
            .latestVersion()
            .variables(Map.of("name", "FLEP"))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join();

    assertThat(result.getVariablesAsMap()).containsEntry("greeting", "hello FLEP");
    assertThat(IncidentFeed.of(engine).isCompleted(result.getProcessInstanceKey())).isTrue();
  }
}
