package io.flep.lab.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.encryption.dncnn.DnCnnCodec;
import io.flep.encryption.dncnn.DnCnnModel;
import io.flep.lab.LabCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep denoiser bench} on tiny sizes: it runs both measurements and writes what it printed. */
class DenoiseBenchCommandTest {

  @Test
  void timesInferenceAndTrainingAndWritesJson(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.dncnn");
    Files.write(model, DnCnnCodec.encode(DnCnnModel.createForTraining(2).params(), 25));

    LabCli.Result r = LabCli.run("denoiser", "bench", "--size", "32", "--repeats", "2", "--model",
        model.toString(), "--train-steps", "1", "--batch", "2", "--patch", "8", "--json",
        dir.resolve("b.json").toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("inference 32x32: median", "training 8x8 patches, batch 2:");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("b.json").toFile());
    assertThat(json.get("inferenceMedianMs").asDouble()).isPositive();
    assertThat(json.get("trainPatchesPerSecond").asDouble()).isPositive();
    assertThat(json.get("size").asInt()).isEqualTo(32);
  }

  @Test
  void badNumbersAndAModelForAnotherSigmaAreErrors(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("m.dncnn");
    Files.write(model, DnCnnCodec.encode(DnCnnModel.createForTraining(2).params(), 15));

    assertThat(LabCli.run("denoiser", "bench", "--repeats", "0").exitCode()).isEqualTo(2);
    LabCli.Result wrongSigma = LabCli.run("denoiser", "bench", "--size", "16", "--model", model.toString(),
        "--train-steps", "0");
    assertThat(wrongSigma.exitCode()).isEqualTo(1);
    assertThat(wrongSigma.errLines()).singleElement().asString().startsWith("flep: no DnCNN model for sigma 25");
  }
}
