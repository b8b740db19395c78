package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.spring.configuration.CamundaAutoConfiguration;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * {@code flep.engine=embedded} gives the Camunda Spring SDK a working client on the loopback engine,
 * even when remote-looking {@code camunda.client.*} settings are present. No web server, no
 * database: only Jackson and the Camunda auto-configuration.
 */
@SpringBootTest(
    classes = EmbeddedEngineSpringTest.TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "flep.engine=embedded",
      "camunda.client.grpc-address=http://camunda.example.invalid:26500",
      "camunda.client.prefer-rest-over-grpc=true",
      "logging.level.io.camunda=DEBUG"
    })
class EmbeddedEngineSpringTest {

  @SpringBootConfiguration
  @ImportAutoConfiguration({JacksonAutoConfiguration.class, CamundaAutoConfiguration.class})
  static class TestApp {
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

  @Test
  void clientBeanTalksToTheLoopbackEngineOverGrpc() {
    assertThat(engine.isRunning()).isTrue();
    assertThat(client.getConfiguration().getGrpcAddress()).isEqualTo(engine.grpcAddress());
    assertThat(client.getConfiguration().getGrpcAddress().getHost()).isEqualTo("127.0.0.1");
    assertThat(client.getConfiguration().preferRestOverGrpc()).isFalse();

    System.out.println("DBG deploying at " + java.time.Instant.now());
    client.newWorker().jobType("flep.test.greet").handler((c, j) -> { try { System.out.println("DBG programmatic handler " + j.getVariablesAsMap()); c.newCompleteCommand(j).variables(Map.of("greeting", "hello FLEP")).send().join(); System.out.println("DBG completed"); } catch (Throwable t) { System.out.println("DBG handler threw"); t.printStackTrace(System.out); } })
        .metrics(new io.camunda.client.api.worker.JobWorkerMetrics() { public void jobActivated(int c) { System.out.println("DBG activated " + c); } public void jobHandled(int c) { System.out.println("DBG handled " + c); } }).open();
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
    io.camunda.client.api.response.ProcessInstanceResult result = null;
    try {
    result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("flep-test-greet")
            .latestVersion()
            .variables(Map.of("name", "FLEP"))
            .withResult()
            .requestTimeout(Duration.ofSeconds(3))
            .send()
            .join();

    } finally {
    engine.recordStream().getRecords().forEach(r -> System.out.println("DBG " + java.time.Instant.ofEpochMilli(r.getTimestamp()) + " " + r.getRecordType() + " " + r.getValueType() + " " + r.getIntent() + " " + (r.getValueType().name().startsWith("JOB") || r.getValueType().name().startsWith("INCI")? r.getValue() : "")));
    }
    assertThat(result.getVariablesAsMap()).containsEntry("greeting", "hello FLEP");
    assertThat(IncidentFeed.of(engine).isCompleted(result.getProcessInstanceKey())).isTrue();
  }
}
