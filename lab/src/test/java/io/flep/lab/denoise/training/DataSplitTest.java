package io.flep.lab.denoise.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.lab.denoise.training.DataSplit.Part;
import io.flep.lab.testdata.SharedDatasets;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DataSplitTest {

  @Test
  void partsAreDisjointAndKnownNamesMapToTheirPart() {
    assertThat(DataSplit.TEST).doesNotContainAnyElementsOf(DataSplit.VALIDATION);
    assertThat(DataSplit.partOf("baboon.png")).isEqualTo(Part.TEST);
    assertThat(DataSplit.partOf("/x/photos/baboon.jpg")).isEqualTo(Part.TEST);
    assertThat(DataSplit.partOf("aero3.jpg")).isEqualTo(Part.VALIDATION);
    assertThat(DataSplit.partOf("lena.png")).isEqualTo(Part.TRAIN);
    assertThat(DataSplit.partOf("Baboon.png")).as("names are case-sensitive").isEqualTo(Part.TRAIN);
    assertThat(Part.parse(" Test ")).isEqualTo(Part.TEST);
  }

  @Test
  void everyHeldOutNameExistsInTheSharedDataset() {
    String[] files = SharedDatasets.require("standard-256").toFile().list();
    Map<Part, Long> counts = Arrays.stream(files).map(DataSplit::partOf)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts).containsEntry(Part.TEST, (long) DataSplit.TEST.size())
        .containsEntry(Part.VALIDATION, (long) DataSplit.VALIDATION.size())
        .containsEntry(Part.TRAIN, (long) files.length - DataSplit.TEST.size() - DataSplit.VALIDATION.size());
  }
}
