package io.flep.lab.denoise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.encryption.png.ImageCodec;
import io.flep.lab.LabCli;
import io.flep.plugin.api.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep denoiser eval} end to end with the classical {@code wiener} plugin. */
class DenoiseEvalCommandTest {

  static void writeImage(Path file, int w, int h, int channels, long seed) throws Exception {
    byte[] s = new byte[w * h * channels];
    Random r = new Random(seed);
    for (int i = 0; i < s.length; i++) {
      s[i] = (byte) (40 + 2 * (i / channels % w) + r.nextInt(6)); // a smooth ramp: denoising must help
    }
    Files.createDirectories(file.getParent());
    Files.write(file, ImageCodec.toPng(new RasterImage(w, h, channels, s)));
  }

  static LabCli.Result eval(Path dir, String... extra) {
    List<String> args = new ArrayList<>(List.of("denoiser", "eval", "--sigma", "25",
        "--images", dir.resolve("in").toString(), "--out", dir.resolve("out").toString(),
        "--json", dir.resolve("rep/eval.json").toString(), "--plugins-dir", dir.resolve("none").toString()));
    args.addAll(List.of(extra));
    return LabCli.run(args.toArray(String[]::new));
  }

  @Test
  void writesEveryFileAndKeyAndDenoisingHelps(@TempDir Path dir) throws Exception {
    writeImage(dir.resolve("in/ramp.png"), 64, 48, 1, 1);
    writeImage(dir.resolve("in/colour.png"), 40, 40, 3, 2);
    writeImage(dir.resolve("in/tiny.png"), 6, 5, 1, 3);
    Files.writeString(dir.resolve("in/notes.txt"), "ignored");

    LabCli.Result r = eval(dir, "--denoiser", "wiener");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.errLines()).filteredOn(l -> l.startsWith("[")).hasSize(3);
    for (String name : List.of("ramp", "colour", "tiny")) {
      for (String suffix : List.of(".noisy.png", ".denoised.png")) {
        RasterImage png = ImageCodec.readPng(Files.readAllBytes(dir.resolve("out/" + name + suffix)), name);
        assertThat(png.channels()).as("grey output").isEqualTo(1);
      }
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());
    assertThat(json.get("denoiser").asText()).isEqualTo("wiener");
    assertThat(json.get("sigma").asDouble()).isEqualTo(25.0);
    JsonNode images = json.get("images");
    assertThat(images).hasSize(3);
    for (JsonNode image : images) {
      for (String key : List.of("name", "width", "height", "psnrNoisy", "psnrDenoised", "ssimDenoised", "ms")) {
        assertThat(image.has(key)).as(key).isTrue();
      }
    }
    JsonNode ramp = images.get(1);
    assertThat(ramp.get("name").asText()).isEqualTo("ramp");
    assertThat(ramp.get("psnrNoisy").asDouble()).isBetween(19.0, 22.0);
    assertThat(ramp.get("psnrDenoised").asDouble()).isGreaterThan(ramp.get("psnrNoisy").asDouble() + 3);
    assertThat(images.get(2).get("ssimDenoised").isNull()).as("6x5 is smaller than the SSIM window").isTrue();
    JsonNode summary = json.get("summary");
    assertThat(summary.get("images").asInt()).isEqualTo(3);
    double meanPsnr = 0;
    for (JsonNode image : images) {
      meanPsnr += image.get("psnrDenoised").asDouble() / 3;
    }
    assertThat(summary.get("psnrDenoised").asDouble()).isCloseTo(meanPsnr, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(summary.get("ssimDenoised").asDouble()).as("mean of the two finite values")
        .isCloseTo((images.get(0).get("ssimDenoised").asDouble() + ramp.get("ssimDenoised").asDouble()) / 2,
            org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void noiseIsSeededPerImageAndTheSplitFilters(@TempDir Path dir) throws Exception {
    writeImage(dir.resolve("in/baboon.png"), 32, 32, 1, 1);
    writeImage(dir.resolve("in/mine.png"), 32, 32, 1, 2);
    assertThat(eval(dir, "--denoiser", "wiener").exitCode()).isZero();
    byte[] first = Files.readAllBytes(dir.resolve("out/baboon.noisy.png"));
    assertThat(eval(dir, "--denoiser", "wiener", "--split", "test").exitCode()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("out/baboon.noisy.png"))).containsExactly(first);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());
    assertThat(json.get("images")).hasSize(1);
    assertThat(json.get("split").asText()).isEqualTo("test");
    assertThat(eval(dir, "--denoiser", "wiener", "--seed", "8").exitCode()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("out/baboon.noisy.png"))).isNotEqualTo(first);
  }

  @Test
  void badUsageAndBadInputAreOneLine(@TempDir Path dir) throws Exception {
    writeImage(dir.resolve("in/a.png"), 16, 16, 1, 1);
    LabCli.Result both = eval(dir, "--denoiser", "wiener", "--model", "m");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("give one of --model MODEL or --denoiser ID, not both");
    assertThat(eval(dir, "--denoiser", "wiener", "--split", "bogus").exitCode()).isEqualTo(2);

    LabCli.Result unknown = eval(dir, "--denoiser", "no-such-denoiser");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.errLines()).hasSize(1);
    assertThat(unknown.err()).startsWith("flep: ").contains("no-such-denoiser");

    LabCli.Result badOption = eval(dir, "--denoiser", "wiener", "--option", "window=4");
    assertThat(badOption.exitCode()).isEqualTo(1);
    assertThat(badOption.errLines()).hasSize(1);

    Files.writeString(dir.resolve("in/broken.png"), "not a png");
    LabCli.Result broken = eval(dir, "--denoiser", "wiener");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.errLines()).containsExactly(broken.errLines().get(0));
    assertThat(broken.err()).startsWith("flep: ").contains("broken.png");
  }

  @Test
  void aTrainedModelEvaluatesEvenImagesSmallerThanItsReceptiveField(@TempDir Path dir) throws Exception {
    TrainCommandTest.writeTinySet(dir.resolve("t"));
    assertThat(TrainCommandTest.tinyRun(dir.resolve("t"), "1").exitCode()).isZero();
    String model = dir.resolve("t/model/m.dncnn").toString();
    writeImage(dir.resolve("in/small.png"), 6, 5, 1, 1);
    writeImage(dir.resolve("in/wide.png"), 40, 12, 1, 2);

    LabCli.Result r = eval(dir, "--model", model);

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());
    assertThat(json.get("denoiser").asText()).isEqualTo("dncnn");
    assertThat(json.get("model").asText()).isEqualTo(model);
    assertThat(json.get("images")).hasSize(2);
    for (JsonNode image : json.get("images")) {
      assertThat(image.get("psnrDenoised").isNumber()).as(image.toString()).isTrue();
    }
    assertThat(Files.exists(dir.resolve("out/small.denoised.png"))).isTrue();
  }

  @Test
  void dncnnOptionsApplyToAModelFileAndLandInTheReport(@TempDir Path dir) throws Exception {
    TrainCommandTest.writeTinySet(dir.resolve("t"));
    assertThat(TrainCommandTest.tinyRun(dir.resolve("t"), "1").exitCode()).isZero();
    String model = dir.resolve("t/model/m.dncnn").toString();
    writeImage(dir.resolve("in/a.png"), 24, 20, 1, 1);

    LabCli.Result plain = eval(dir, "--model", model);
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    JsonNode single = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());
    LabCli.Result r = eval(dir, "--model", model, "--option", "ensemble=8");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode ensemble = new ObjectMapper().readTree(dir.resolve("rep/eval.json").toFile());

    assertThat(ensemble.get("model").asText()).isEqualTo(model);
    assertThat(ensemble.get("options").get("ensemble").asText()).isEqualTo("8");
    assertThat(ensemble.get("images").get(0).get("psnrDenoised").asDouble())
        .isNotEqualTo(single.get("images").get(0).get("psnrDenoised").asDouble());
    LabCli.Result twice = eval(dir, "--model", model, "--option", "model=" + model);
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err()).contains("give the model file once");
    LabCli.Result bad = eval(dir, "--model", model, "--option", "ensemble=5");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("option 'ensemble' of dncnn must be one of 1, 2, 4, 8");
  }

  @Test
  void aModelForAnotherSigmaOrACorruptOneIsOneClearLine(@TempDir Path dir) throws Exception {
    TrainCommandTest.writeTinySet(dir.resolve("t"));
    assertThat(TrainCommandTest.tinyRun(dir.resolve("t"), "1").exitCode()).isZero();
    Path model = dir.resolve("t/model/m.dncnn");
    writeImage(dir.resolve("in/a.png"), 16, 16, 1, 1);

    LabCli.Result wrongSigma = LabCli.run("denoiser", "eval", "--sigma", "15", "--images",
        dir.resolve("in").toString(), "--out", dir.resolve("out").toString(), "--json",
        dir.resolve("e.json").toString(), "--model", model.toString());
    assertThat(wrongSigma.exitCode()).isEqualTo(1);
    assertThat(wrongSigma.errLines()).hasSize(1);
    assertThat(wrongSigma.err()).startsWith("flep: " + model).contains("sigma 25", "15");

    byte[] bytes = Files.readAllBytes(model);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(model, bytes);
    LabCli.Result corrupt = eval(dir, "--model", model.toString());
    assertThat(corrupt.exitCode()).isEqualTo(1);
    assertThat(corrupt.errLines()).hasSize(1);
    assertThat(corrupt.err()).startsWith("flep: " + model).contains("corrupt");

    LabCli.Result missing = eval(dir, "--model", dir.resolve("none.dncnn").toString());
    assertThat(missing.errLines()).containsExactly("flep: " + dir.resolve("none.dncnn") + ": no such model file");
    assertThat(Files.exists(dir.resolve("e.json"))).isFalse();
  }
}
