package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.lab.denoise.training.PhotoSplit.Part;
import io.flep.lab.testdata.SharedDatasets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PhotoSplitTest {

  @Test
  void partsAreDisjointAndKnownNamesMapToTheirPart() {
    assertThat(PhotoSplit.TEST).doesNotContainAnyElementsOf(PhotoSplit.VALIDATION);
    assertThat(PhotoSplit.partOf("baboon.png")).isEqualTo(Part.TEST);
    assertThat(PhotoSplit.partOf("/x/photos/baboon.jpg")).isEqualTo(Part.TEST);
    assertThat(PhotoSplit.partOf("aero3.jpg")).isEqualTo(Part.VALIDATION);
    assertThat(PhotoSplit.partOf("lena.png")).isEqualTo(Part.TRAIN);
    assertThat(PhotoSplit.partOf("Baboon.png")).as("names are case-sensitive").isEqualTo(Part.TRAIN);
    assertThat(Part.parse(" Test ")).isEqualTo(Part.TEST);
  }

  @Test
  void everyHeldOutNameExistsInTheSharedDataset() {
    String[] files = SharedDatasets.require("standard-256").toFile().list();
    Map<Part, Long> counts = Arrays.stream(files).map(PhotoSplit::partOf)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).containsEntry(Part.TEST, (long) PhotoSplit.TEST.size())
        .containsEntry(Part.VALIDATION, (long) PhotoSplit.VALIDATION.size())
        .containsEntry(Part.TRAIN, (long) files.length - PhotoSplit.TEST.size() - PhotoSplit.VALIDATION.size());
  }
}
