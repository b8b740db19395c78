package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.encryption.png.ImageCodec;
import io.flep.plugin.api.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoFolderTest {

  @Test
  void colourBecomesBt601GreyAndSplitFilters(@TempDir Path dir) throws Exception {
    // pure red, green, blue pixels: luma 76, 150, 29
    Files.write(dir.resolve("baboon.png"), ImageCodec.toPng(RasterImage.rgb(3, 1,
        new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255})));
    Files.write(dir.resolve("mine.png"), ImageCodec.toPng(RasterImage.gray(1, 1, new byte[] {9})));
    Files.writeString(dir.resolve("readme.txt"), "x");
    List<GreyPlane> all = PhotoFolder.load(dir);
    assertThat(all).extracting(GreyPlane::name).containsExactly("baboon", "mine");
    assertThat(all.get(0).toFloats()).containsExactly(76f, 150f, 29f);
    assertThat(PhotoFolder.load(dir, EnumSet.of(PhotoSplit.Part.TRAIN))).extracting(GreyPlane::name)
        .containsExactly("mine");
  }

  @Test
  void missingOrEmptyFolderNamesIt(@TempDir Path dir) {
    assertThatThrownBy(() -> PhotoFolder.load(dir.resolve("nope"))).hasMessageContaining("nope: not a folder");
    assertThatThrownBy(() -> PhotoFolder.load(dir)).hasMessageContaining("no images");
  }
}
