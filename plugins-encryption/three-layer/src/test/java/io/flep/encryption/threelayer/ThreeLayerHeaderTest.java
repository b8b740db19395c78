package io.flep.encryption.threelayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ThreeLayerHeaderTest {

  @Test
  void knownLayoutAndRoundTrip() throws Exception {
    byte[] check = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] bytes = new ThreeLayerHeader(257, 3, check).toBytes();
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("46334c01" + "00000101" + "00000003" + "0102030405060708");
    ThreeLayerHeader back = ThreeLayerHeader.parse(bytes);
    assertThat(back.width()).isEqualTo(257);
    assertThat(back.height()).isEqualTo(3);
    assertThat(back.keyCheck()).isEqualTo(check);
  }

  @Test
  void rejectsMalformedHeaders() {
    byte[] good = new ThreeLayerHeader(8, 8, new byte[8]).toBytes();
    assertThatThrownBy(() -> ThreeLayerHeader.parse(new byte[0])).hasMessageContaining("0 bytes, 20 expected");
    byte[] magic = good.clone();
    magic[0] = 'X';
    assertThatThrownBy(() -> ThreeLayerHeader.parse(magic)).hasMessageContaining("wrong magic");
    byte[] version = good.clone();
    version[3] = 9;
    assertThatThrownBy(() -> ThreeLayerHeader.parse(version)).hasMessageContaining("unsupported flep-3layer cipher version 9");
    assertThatThrownBy(() -> ThreeLayerHeader.parse(new ThreeLayerHeader(0, 8, new byte[8]).toBytes())).hasMessageContaining("0x8");
  }

  @Test
  void keyCheckDependsOnKeyAndAssociatedData() {
    byte[] a = ThreeLayerHeader.keyCheck(new byte[] {1, 2}, new byte[0]);
    assertThat(a).hasSize(8);
    assertThat(ThreeLayerHeader.keyCheck(new byte[] {1, 2}, new byte[0])).isEqualTo(a);
    assertThat(ThreeLayerHeader.keyCheck(new byte[] {1, 3}, new byte[0])).isNotEqualTo(a);
    assertThat(ThreeLayerHeader.keyCheck(new byte[] {1, 2}, new byte[] {0})).isNotEqualTo(a);
  }
}
