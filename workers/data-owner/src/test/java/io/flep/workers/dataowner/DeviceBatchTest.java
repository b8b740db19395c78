package io.flep.workers.dataowner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.dataset.GreyImages;
import io.flep.workers.failure.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceBatchTest {
  @Test
  void roundTripsImagesLabelsAndSourcesLosslessly() {
    byte[] a = new byte[20 * 20];
    byte[] b = new byte[3 * 2];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i * 7);
    }
    b[5] = (byte) 255;
    List<DeviceImage> images = List.of(new DeviceImage("cam1/a,b.png", 4, 20, 20, a), new DeviceImage("x", 9, 3, 2, b));

    List<DeviceBatch.Entry> entries = DeviceBatch.decode(DeviceBatch.encode(images));

    assertThat(entries).extracting(DeviceBatch.Entry::label).containsExactly(4, 9);
    assertThat(entries.get(0).sourceName()).isEqualTo("cam1/a_b.png");
    assertThat(GreyImages.decode(entries.get(0).png(), 4, "a").pixels()).isEqualTo(a);
    assertThat(GreyImages.decode(entries.get(1).png(), 9, "b").pixels()).isEqualTo(b);
  }

  @Test
  void garbageIsRejectedWithAReason() {
    assertThatThrownBy(() -> DeviceBatch.decode(new byte[] {1, 2, 3})).isInstanceOf(BadInputException.class)
        .hasMessageContaining("manifest.csv");
  }
}
