package io.flep.workers.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.flep.workers.model.ModelCodec.ModelFormatException;
import io.flep.workers.model.ModelCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelCodecTest {

  private static float[] randomParams(int n, long seed) {
    Random random = new Random(seed);
    float[] p = new float[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) random.nextGaussian() * 0.1f;
    }
    p[0] = -0.0f;
    p[1] = Float.MIN_VALUE;
    p[2] = -Float.MAX_VALUE;
    return p;
  }

  @Test
  void roundTripsBitExactly() {
    float[] params = randomParams(DigitModel.PARAMETER_COUNT, 1);
    byte[] blob = ModelCodec.encode(new DigitModel(), params);
    int idLength = DigitModel.ARCHITECTURE_ID.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(12 + idLength + 4 * params.length, blob.length);
    float[] back = ModelCodec.decode(blob, new DigitModel());
    assertEquals(params.length, back.length);
    for (int i = 0; i < params.length; i++) {
      assertEquals(Float.floatToRawIntBits(params[i]), Float.floatToRawIntBits(back[i]), "parameter " + i);
    }
    ModelCodec.Decoded decoded = ModelCodec.read(blob);
    assertEquals(DigitModel.ARCHITECTURE_ID, decoded.architectureId());
  }

  @Test
  void writesTheDocumentedLittleEndianLayout() {
    byte[] blob = ModelCodec.encode("x", new float[] {1.0f, -2.5f});
    byte[] expected = {
      'F', 'L', 'P', 'M',
      1, 0,                        // version 1
      1, 0, 'x',                   // id length 1, "x"
      2, 0, 0, 0,                  // count 2
      0, 0, (byte) 0x80, 0x3F,     // 1.0f
      0, 0, 0x20, (byte) 0xC0};    // -2.5f
    assertArrayEquals(expected, blob);
    assertArrayEquals(new float[] {1.0f, -2.5f}, ModelCodec.decode(blob, "x", 2));
  }

  @Test
  void rejectsCorruptOrForeignInputWithClearErrors() {
    byte[] good = ModelCodec.encode(new DigitModel(), randomParams(DigitModel.PARAMETER_COUNT, 2));

    assertRejected(new byte[0], "too short");
    assertRejected(Arrays.copyOf(good, 10), "too short");
    assertRejected(Arrays.copyOf(good, good.length - 1), "payload bytes");
    assertRejected(Arrays.copyOf(good, good.length + 4), "payload bytes");

    byte[] magic = good.clone();
    magic[0] = 'G';
    assertRejected(magic, "bad magic");

    byte[] version = good.clone();
    version[4] = 2;
    assertRejected(version, "version 2");

    byte[] idLength = good.clone();
    idLength[6] = 0;
    idLength[7] = 0;
    assertRejected(idLength, "architecture id length 0");

    byte[] badUtf8 = ModelCodec.encode("ab", new float[] {1f});
    badUtf8[8] = (byte) 0xC3;
    badUtf8[9] = (byte) 0x28;
    assertRejected(badUtf8, "UTF-8");

    byte[] count = good.clone();
    int countAt = 8 + DigitModel.ARCHITECTURE_ID.getBytes(StandardCharsets.UTF_8).length;
    ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, -1);
    assertRejected(count, "negative parameter count");
    ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putInt(countAt, DigitModel.PARAMETER_COUNT + 1);
    assertRejected(count, "announces");

    byte[] nan = good.clone();
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(countAt + 4 + 4 * 5, Float.NaN);
    assertRejected(nan, "parameter 5 is not finite");

    byte[] otherArch = ModelCodec.encode("some-other-net", randomParams(DigitModel.PARAMETER_COUNT, 3));
    assertRejected(otherArch, "does not match");
    byte[] otherCount = ModelCodec.encode(DigitModel.ARCHITECTURE_ID, new float[] {1f, 2f});
    assertRejected(otherCount, "expected " + DigitModel.PARAMETER_COUNT);
  }

  @Test
  void refusesToEncodeWhatItCouldNotDecode() {
    assertThrows(IllegalArgumentException.class, () -> ModelCodec.encode(new DigitModel(), new float[3]));
    assertThrows(IllegalArgumentException.class, () -> ModelCodec.encode("", new float[3]));
    assertThrows(IllegalArgumentException.class, () -> ModelCodec.encode("x".repeat(256), new float[3]));
  }

  private static void assertRejected(byte[] blob, String messagePart) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelCodec.decode(blob, new DigitModel()));
    assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' should mention '"
        + messagePart + "'");
  }
}
