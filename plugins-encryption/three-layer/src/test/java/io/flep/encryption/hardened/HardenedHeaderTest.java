package io.flep.encryption.hardened;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HardenedHeaderTest {
  private static final byte[] NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  private static HardenedHeader header() {
    byte[] tag = new byte[32];
    tag[0] = 42;
    return new HardenedHeader(3, 2, true, 257, 255, NONCE, tag);
  }

  @Test
  void layoutIsVersionChannelsBlockFlagsSizeNonceTag() {
    byte[] bytes = header().toBytes();
    ByteBuffer in = ByteBuffer.wrap(bytes);

    assertThat(bytes).hasSize(60);
    assertThat(in.get()).isEqualTo((byte) 1);
    assertThat(in.get()).isEqualTo((byte) 3);
    assertThat(in.get()).isEqualTo((byte) 2);
    assertThat(in.get()).isEqualTo((byte) 1);
    assertThat(in.getInt()).isEqualTo(257);
    assertThat(in.getInt()).isEqualTo(255);
    assertThat(bytes[12]).isEqualTo((byte) 1);
    assertThat(bytes[28]).isEqualTo((byte) 42);
    assertThat(header().authenticatedBytes()).hasSize(28);
  }

  @Test
  void parsesWhatItWritesAndPadsToTheGranule() throws Exception {
    HardenedHeader parsed = HardenedHeader.parse(header().toBytes());

    assertThat(parsed).isEqualTo(header());
    assertThat(parsed.paddedWidth()).isEqualTo(258);
    assertThat(parsed.paddedHeight()).isEqualTo(256);
    assertThat(HardenedHeader.granule(3)).isEqualTo(6);
    assertThat(HardenedHeader.padded(7, 3)).isEqualTo(12);
    assertThat(HardenedHeader.padded(8, 8)).isEqualTo(8);
  }

  @Test
  void rejectsMalformedHeadersNamingTheField() {
    byte[] good = header().toBytes();

    assertThatThrownBy(() -> HardenedHeader.parse(new byte[10])).hasMessageContaining("(truncated)");
    assertThatThrownBy(() -> HardenedHeader.parse(set(good, 0, 2)))
        .hasMessage("unsupported flep-3layer-hardened cipher header version 2 (supported: 1)");
    assertThatThrownBy(() -> HardenedHeader.parse(set(good, 1, 2))).hasMessageContaining("channels must be 1 or 3");
    assertThatThrownBy(() -> HardenedHeader.parse(set(good, 2, 0))).hasMessageContaining("invalid block size 0");
    assertThatThrownBy(() -> HardenedHeader.parse(set(good, 3, 4))).hasMessageContaining("unknown flags 4");
    assertThatThrownBy(() -> HardenedHeader.parse(set(good, 4, 0x80))).hasMessageContaining("invalid original size");
  }

  private static byte[] set(byte[] b, int i, int v) {
    byte[] c = b.clone();
    c[i] = (byte) v;
    return c;
  }
}
