package io.flep.workers.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.run.RunRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Run options as JSON: what {@code flep party --start-run} and {@code ./flep run --processes} hand over. */
class RunRequestJsonTest {

  @Test
  void aWrittenRequestReadsBackEqualWithEveryOption() {
    RunRequest full = RunRequest.builder().analysts(4).minContributors(2).rounds(3).cloudMode("policy")
        .targetAccuracy(0.9).dataSource("/data/images").dataCipher("flep-3layer").heScheme("paillier").seed(9)
        .dataCipherOptions(Map.of("denoiser", "dncnn")).heSchemeOptions(Map.of("threshold", "2"))
        .differentialPrivacy(new DifferentialPrivacy(1.1, 0.5, 1e-6)).reproduction(true)
        .roundDeadline(java.time.Duration.ofSeconds(45)).build();
    RunRequest defaults = RunRequest.builder().build();

    assertThat(RunRequestJson.parse(RunRequestJson.write(full))).isEqualTo(full);
    assertThat(RunRequestJson.parse(RunRequestJson.write(defaults))).isEqualTo(defaults);
    assertThat(RunRequestJson.write(defaults).get("minContributors").asInt()).as("K by default").isEqualTo(3);
    assertThat(RunRequestJson.write(full).get("roundDeadline").asText()).isEqualTo("PT45S");
  }

  @Test
  void aRoundDeadlineThatIsNoPositiveIsoDurationIsRefusedNamingTheOption() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String body : java.util.List.of("{\"roundDeadline\": \"10m\"}", "{\"roundDeadline\": \"PT0S\"}",
        "{\"roundDeadline\": \"-PT5S\"}", "{\"roundDeadline\": 600}", "{\"roundDeadline\": null}")) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunRequestJson.parse(json.readTree(body)))
          .as(body).isInstanceOf(InvalidRunOptionException.class)
          .satisfies(e -> assertThat(((InvalidRunOptionException) e).field()).isEqualTo("roundDeadline"));
    }
  }
}
