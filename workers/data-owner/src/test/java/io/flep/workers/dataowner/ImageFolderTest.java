package io.flep.workers.dataowner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.image.RasterImage;
import io.flep.workers.failure.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  @Test
  void readsLabelsFromFolderNamesAndConvertsColourToGrey(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("2"));
    // one pure-red pixel: BT.601 luma 0.299 * 255 = 76
    Files.write(dir.resolve("2").resolve("red.png"), ImageCodec.toPng(RasterImage.rgb(1, 1, new byte[] {(byte) 255, 0, 0})));

    List<DeviceImage> images = ImageFolder.read(dir);

    assertThat(images).singleElement().satisfies(image -> {
      assertThat(image.label()).isEqualTo(2);
      assertThat(image.pixels()).containsExactly((byte) 76);
    });
  }

  @Test
  void aFolderThatIsNotALabelIsNamed(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("cats"));
    assertThatThrownBy(() -> ImageFolder.read(dir)).isInstanceOf(BadInputException.class).hasMessageContaining("cats");
  }

  @Test
  void anEmptyFolderSaysWhatWasExpected(@TempDir Path dir) {
    assertThatThrownBy(() -> ImageFolder.read(dir)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("<label>/<name>.png");
  }

  @Test
  void aZeroByteImageIsNamed(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("1"));
    Files.write(dir.resolve("1").resolve("empty.png"), new byte[0]);
    assertThatThrownBy(() -> ImageFolder.read(dir)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("empty.png");
  }
}
