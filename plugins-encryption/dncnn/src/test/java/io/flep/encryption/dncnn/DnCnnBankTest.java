package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch by σ over model files (untrained weights: plumbing only); the shipped models in DnCnnProviderTest. */
class DnCnnBankTest {

  private static final DnCnnModel MODEL_A = DnCnnInferenceTest.modelWithBatchNormStatistics(5);
  private static final DnCnnModel MODEL_B = DnCnnInferenceTest.modelWithBatchNormStatistics(6);

  static Path write(Path dir, String name, DnCnnModel model, double sigma) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, DnCnnCodec.encode(model.params(), sigma));
    return file;
  }

  @Test
  void eachSigmaGoesToItsOwnModel(@TempDir Path dir) throws Exception {
    DnCnnBank bank = DnCnnBank.of(List.of(write(dir, "a.dncnn", MODEL_A, 25), write(dir, "b.dncnn", MODEL_B, 35.714)));
    float[] plane = DnCnnModelTest.randomPlane(24 * 24, 3);

    assertThat(bank.sigmas()).containsExactly(25.0, 35.714);
    assertThat(bank.denoise(plane, 24, 24, 25)).containsExactly(new DnCnnDenoiser(MODEL_A, 25).denoise(plane, 24, 24, 25));
    assertThat(bank.denoise(plane, 24, 24, 25.0 / 0.7))
        .containsExactly(new DnCnnDenoiser(MODEL_B, 35.714).denoise(plane, 24, 24, 35.714));
    assertThat(bank.denoise(plane, 24, 24, 0)).containsExactly(plane).isNotSameAs(plane);
  }

  @Test
  void aSigmaWithoutAModelNamesTheModelsAndTheFix(@TempDir Path dir) throws Exception {
    Path a = write(dir, "a.dncnn", MODEL_A, 25);
    DnCnnBank bank = DnCnnBank.of(List.of(a));

    assertThatThrownBy(() -> bank.denoise(new float[400], 20, 20, 30))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no DnCNN model for sigma 30.00 (models: 25.00 from " + a + "); train one with"
            + " 'flep denoiser train --sigma 30.00 ...' and pass it as the dncnn option model=FILE");
  }

  @Test
  void badFilesAreNamed(@TempDir Path dir) throws Exception {
    Path a = write(dir, "a.dncnn", MODEL_A, 25);
    Path twin = write(dir, "twin.dncnn", MODEL_B, 25.1);
    Path corrupt = dir.resolve("corrupt.dncnn");
    byte[] bytes = Files.readAllBytes(a);
    bytes[bytes.length / 2] ^= 1;
    Files.write(corrupt, bytes);

    assertThatThrownBy(() -> DnCnnBank.of(List.of(a, twin)))
        .hasMessage(twin + ": a model for sigma 25.1 is already given (" + a + ")");
    assertThatThrownBy(() -> DnCnnBank.of(List.of(corrupt))).hasMessageStartingWith(corrupt + ": ");
    assertThatThrownBy(() -> DnCnnBank.of(List.of(dir.resolve("none.dncnn"))))
        .hasMessageStartingWith(dir.resolve("none.dncnn") + ": cannot read the DnCNN model file");
    assertThatThrownBy(() -> DnCnnBank.of(List.of())).hasMessageStartingWith("no DnCNN model");
  }
}
