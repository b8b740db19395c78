package io.flep.encryption.dncnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnCnnCodecTest {

  private static float[] params() {
    float[] p = new float[(int) DnCnnModel.PARAMETER_COUNT];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) Math.sin(i * 0.37) * 0.1f;
    }
    return p;
  }

  @Test
  void roundTripsThroughAFile(@TempDir Path dir) throws Exception {
    float[] p = params();
    Path file = dir.resolve("m/dncnn-s25.dncnn");
    DnCnnCodec.write(file, p, 25);
    assertThat(DnCnnCodec.read(file, 25)).containsExactly(p);
    assertThat(DnCnnCodec.sigmaOf(Files.readAllBytes(file))).isEqualTo(25.0);
  }

  @Test
  void roundTripsARealModel() {
    DnCnnModel model = DnCnnModel.createForTraining(11);
    float[] back = DnCnnCodec.decode(DnCnnCodec.encode(model.params(), 12.5), 12.5);
    DnCnnModel copy = DnCnnModel.forInference(back);
    assertThat(copy.params()).containsExactly(model.params());
  }

  @Test
  void rejectsAModelForAnotherSigma(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("s15.dncnn");
    DnCnnCodec.write(file, params(), 15);
    assertThatThrownBy(() -> DnCnnCodec.read(file, 25)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sigma 15.0, not sigma 25.0").hasMessageContaining(file.toString());
  }

  @Test
  void rejectsAFlippedBitAsCorrupt() {
    byte[] bytes = DnCnnCodec.encode(params(), 25);
    bytes[bytes.length / 2] ^= 0x10;
    assertThatThrownBy(() -> DnCnnCodec.decode(bytes, 25)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void rejectsTruncatedAndTrailingBytes() {
    byte[] bytes = DnCnnCodec.encode(params(), 25);
    assertThatThrownBy(() -> DnCnnCodec.decode(Arrays.copyOf(bytes, bytes.length - 100), 25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> DnCnnCodec.decode(Arrays.copyOf(bytes, 20), 25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> DnCnnCodec.decode(Arrays.copyOf(bytes, bytes.length + 3), 25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
  }

  @Test
  void rejectsOtherFilesVersionsAndArchitectures() {
    assertThatThrownBy(() -> DnCnnCodec.decode("hello world, not a model".getBytes(), 25))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a DnCNN model file");
    byte[] bytes = DnCnnCodec.encode(params(), 25);
    byte[] v2 = bytes.clone();
    ByteBuffer.wrap(v2).putInt(8, 2);
    assertThatThrownBy(() -> DnCnnCodec.decode(v2, 25)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version 2");
    byte[] arch = bytes.clone();
    arch[14] = 'X'; // first character of the architecture id (after magic, version, UTF length)
    assertThatThrownBy(() -> DnCnnCodec.decode(arch, 25)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("architecture");
  }

  @Test
  void refusesToWriteWrongSizesOrSigmas() {
    assertThatThrownBy(() -> DnCnnCodec.encode(new float[5], 25)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnCnnCodec.encode(params(), 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DnCnnCodec.encode(params(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
