package io.flep.workers.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {

  private static final List<LabeledImage> ALL = DigitsSheet.load();

  @Test
  void holdsOutAStratifiedTwentyPercentDisjointFromTraining() {
    DatasetSplit split = DatasetSplit.of(ALL, 7);
    assertEquals(1_000, split.test().size());
    assertEquals(4_000, split.train().size());
    int[] perLabel = new int[10];
    split.test().forEach(image -> perLabel[image.label()]++);
    for (int label = 0; label < 10; label++) {
      assertEquals(100, perLabel[label], "test images of digit " + label);
    }
    Set<LabeledImage> test = identitySet(split.test());
    Set<LabeledImage> seen = identitySet(split.test());
    for (LabeledImage image : split.train()) {
      assertTrue(!test.contains(image), "training image also in the test split");
      assertTrue(seen.add(image), "image appears twice");
    }
    assertEquals(5_000, seen.size(), "train + test cover the whole sheet");
  }

  @Test
  void shardsAreDisjointBalancedAndCoverTheTrainingSet() {
    DatasetSplit split = DatasetSplit.of(ALL, 7);
    List<List<LabeledImage>> shards = split.shards(3);
    assertEquals(List.of(1334, 1333, 1333), shards.stream().map(List::size).toList());
    Set<LabeledImage> union = identitySet(List.of());
    Set<LabeledImage> test = identitySet(split.test());
    for (List<LabeledImage> shard : shards) {
      int[] perLabel = new int[10];
      for (LabeledImage image : shard) {
        assertTrue(union.add(image), "image in two shards");
        assertTrue(!test.contains(image), "test image leaked into a shard");
        perLabel[image.label()]++;
      }
      for (int label = 0; label < 10; label++) {
        assertTrue(perLabel[label] >= 133 && perLabel[label] <= 134,
            "IID shard: digit " + label + " count " + perLabel[label]);
      }
    }
    assertEquals(identitySet(split.train()), union);
  }

  @Test
  void isDeterministicForASeedAndChangesWithTheSeed() {
    DatasetSplit a = DatasetSplit.of(ALL, 11);
    DatasetSplit b = DatasetSplit.of(ALL, 11);
    DatasetSplit c = DatasetSplit.of(ALL, 12);
    assertEquals(a.test(), b.test());
    assertEquals(a.train(), b.train());
    assertEquals(a.shards(3), b.shards(3));
    assertEquals(a.shard(1, 3), b.shards(3).get(1));
    assertNotEquals(a.test(), c.test());
    assertNotEquals(a.shards(3), c.shards(3));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> DatasetSplit.of(ALL, 1.0, 1));
    DatasetSplit split = DatasetSplit.of(ALL, 1);
    assertThrows(IllegalArgumentException.class, () -> split.shards(0));
    assertThrows(IllegalArgumentException.class, () -> split.shard(3, 3));
  }

  private static Set<LabeledImage> identitySet(List<LabeledImage> images) {
    Set<LabeledImage> set = Collections.newSetFromMap(new IdentityHashMap<>());
    set.addAll(images);
    return set;
  }
}
