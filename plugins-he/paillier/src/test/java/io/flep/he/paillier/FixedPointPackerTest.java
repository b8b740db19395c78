package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointPackerTest {

  @Test
  void defaultLayoutIsAsComputed() {
    // the provider's defaults: offset = 8 * 2^20 = 2^23, 2*offset = 2^24 needs 25 bits; 64 contributors need
    // ceil(log2(64)) = 6 headroom bits; 31-bit slots; floor(2047 / 31) = 66 per 2048-bit plaintext
    FixedPointPacker p2048 = new FixedPointPacker(20, 8, 64, 2048);
    FixedPointPacker p3072 = new FixedPointPacker(20, 8, 64, 3072);

    assertThat(p2048.offset()).isEqualTo(1L << 23);
    assertThat(p2048.valueBits()).isEqualTo(25);
    assertThat(p2048.headroomBits()).isEqualTo(6);
    assertThat(p2048.slotBits()).isEqualTo(31);
    assertThat(p2048.slotsPerPlaintext()).isEqualTo(66);
    assertThat(p3072.slotsPerPlaintext()).isEqualTo(3071 / 31).isEqualTo(99);
    assertThat(p2048.plaintextCount(100_000)).isEqualTo(1516);
    // headroom is exactly ceil(log2(maxContributors)): 3 -> 2, 4 -> 2, 5 -> 3, 1 -> 0
    assertThat(new FixedPointPacker(16, 1, 3, 2048).headroomBits()).isEqualTo(2);
    assertThat(new FixedPointPacker(16, 1, 4, 2048).headroomBits()).isEqualTo(2);
    assertThat(new FixedPointPacker(16, 1, 5, 2048).headroomBits()).isEqualTo(3);
    assertThat(new FixedPointPacker(16, 1, 1, 2048).headroomBits()).isZero();
  }

  @Test
  void slotsOptionLimitsPackingDownToTextbookPaillier() {
    assertThat(new FixedPointPacker(20, 8, 64, 2048, 1).slotsPerPlaintext()).isEqualTo(1);
    assertThat(new FixedPointPacker(20, 8, 64, 2048, 10).slotsPerPlaintext()).isEqualTo(10);
    assertThat(new FixedPointPacker(20, 8, 64, 2048, 500).slotsPerPlaintext()).isEqualTo(66);
    assertThatThrownBy(() -> new FixedPointPacker(20, 8, 64, 2048, -1)).hasMessageContaining("'slots'");
  }

  @Test
  void roundTripsWithinHalfAStep() throws GeneralSecurityException {
    FixedPointPacker packer = new FixedPointPacker(20, 8, 4, 1024);
    double[] values = {0, 1.5, -1.5, 7.999999, -8, 3.14159265, -2.71828, 1e-7};

    FixedPointPacker.Packed packed = packer.pack(values);
    double[] back = packer.unpack(packed.plaintexts(), values.length, 1);

    assertThat(packed.clippedCount()).isZero();
    for (int i = 0; i < values.length; i++) {
      assertThat(back[i]).isCloseTo(values[i], within(packer.maxRoundingError(1)));
    }
  }

  @Test
  void clipsAndCountsOutOfRangeValues() throws GeneralSecurityException {
    FixedPointPacker packer = new FixedPointPacker(24, 64, 32, 1024);

    FixedPointPacker.Packed packed = packer.pack(new double[] {100, -64, 64, -1e9, 3});

    assertThat(packed.clippedCount()).isEqualTo(2);
    assertThat(packer.unpack(packed.plaintexts(), 5, 1)).containsExactly(64, -64, 64, -64, 3);
  }

  @Test
  void sumOfMaxContributorsAtTheExtremesDoesNotCarryIntoNeighbours() throws GeneralSecurityException {
    FixedPointPacker packer = new FixedPointPacker(24, 64, 3, 1024);
    double[] high = new double[60];
    double[] low = new double[60];
    java.util.Arrays.fill(high, 64);
    java.util.Arrays.fill(low, -64);
    for (int i = 0; i < 60; i += 2) {
      high[i] = -64;
      low[i] = 64;
    }
    BigInteger[] a = packer.pack(high).plaintexts();
    BigInteger[] b = packer.pack(high).plaintexts();
    BigInteger[] c = packer.pack(low).plaintexts();
    BigInteger[] sum = new BigInteger[a.length];
    for (int i = 0; i < a.length; i++) {
      sum[i] = a[i].add(b[i]).add(c[i]);
    }

    double[] decoded = packer.unpack(sum, 60, 3);

    for (int i = 0; i < 60; i++) {
      assertThat(decoded[i]).isEqualTo(i % 2 == 0 ? -64 : 64);
    }
  }

  @Test
  void unpackDetectsASlotAboveItsBound() {
    FixedPointPacker packer = new FixedPointPacker(24, 64, 32, 1024);
    BigInteger[] plaintexts = packer.pack(new double[] {1, 2, 3}).plaintexts();

    assertThatThrownBy(() -> packer.unpack(plaintexts, 3, 0)).isInstanceOf(GeneralSecurityException.class);
    BigInteger tampered = plaintexts[0].setBit(packer.slotBits() + packer.valueBits() + 2);
    assertThatThrownBy(() -> packer.unpack(new BigInteger[] {tampered}, 3, 1))
        .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("decrypted slot 1 exceeds the bound for 1");
  }

  @Test
  void rejectsImpossibleLayoutsAndValues() {
    FixedPointPacker packer = new FixedPointPacker(24, 64, 32, 1024);

    assertThatThrownBy(() -> packer.pack(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("value at index 1 is NaN; only finite values can be encrypted");
    assertThatThrownBy(() -> packer.pack(new double[0])).hasMessage("cannot encrypt an empty vector");
    assertThatThrownBy(() -> new FixedPointPacker(48, 1e6, 32, 2048))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0.5 and 2^52");
    assertThatThrownBy(() -> new FixedPointPacker(40, 1000, 1 << 20, 2048)).hasMessageContaining("exceeds 62");
    assertThatThrownBy(() -> new FixedPointPacker(24, -1, 32, 2048)).hasMessageContaining("'clipBound'");
    assertThatThrownBy(() -> new FixedPointPacker(24, 64, 0, 2048)).hasMessageContaining("'maxContributors'");
  }

  @Test
  void slotBitsReadFromTheBytesEqualShiftingTheInteger() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      BigInteger x = new BigInteger(1 + random.nextInt(2100), random);
      byte[] bytes = x.toByteArray();
      int count = 1 + random.nextInt(FixedPointPacker.MAX_SLOT_BITS);
      for (int from = 0; from < x.bitLength() + 70; from += 1 + random.nextInt(13)) {
        long expected = x.shiftRight(from).longValue() & ((1L << count) - 1);
        assertThat(FixedPointPacker.bits(bytes, from, count))
            .as("bits [%d, +%d) of %s", from, count, x.toString(16)).isEqualTo(expected);
      }
    }
    // by hand: 0x1_FF00 = 1 1111 1111 0000 0000; bits 4..11 are 0xF0, bits 8..16 are 0x1FF
    byte[] b = BigInteger.valueOf(0x1FF00).toByteArray();
    assertThat(FixedPointPacker.bits(b, 4, 8)).isEqualTo(0xF0);
    assertThat(FixedPointPacker.bits(b, 8, 9)).isEqualTo(0x1FF);
  }
}
