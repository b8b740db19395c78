package io.flep.workers.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded, stratified split of a labelled data set into a held-out test set, which analysts never
 * see and which only the model publisher evaluates on, and a training set dealt into IID shards,
 * one per analyst.
 *
 * <p>Per label, the images are shuffled with {@code new Random(seed)}-derived generators and the
 * first {@code round(count * testFraction)} of them go to the test set (for the digits sheet and the
 * default 20 %: 100 per digit, 1,000 in all). {@link #shards(int)} deals the training images
 * label by label, round robin, so every shard has the same label mix (to within one image) and the
 * shard sizes differ by at most one; each shard is then shuffled. Everything depends only on the
 * input order and the seed.
 */
public final class DatasetSplit {

  public static final double DEFAULT_TEST_FRACTION = 0.2;

  private final long seed;
  private final List<LabeledImage> train;
  private final List<LabeledImage> test;
  /** Training images grouped by label, each group in seeded shuffled order (for dealing shards). */
  private final List<List<LabeledImage>> trainByLabel;

  private DatasetSplit(long seed, List<LabeledImage> train, List<LabeledImage> test,
      List<List<LabeledImage>> trainByLabel) {
    this.seed = seed;
    this.train = train;
    this.test = test;
    this.trainByLabel = trainByLabel;
  }

  /** Default 20 % stratified test split. */
  public static DatasetSplit of(List<LabeledImage> all, long seed) {
    return of(all, DEFAULT_TEST_FRACTION, seed);
  }

  /** Stratified split with the given test fraction in [0, 1). */
  public static DatasetSplit of(List<LabeledImage> all, double testFraction, long seed) {
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no images to split");
    }
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("testFraction must be in [0, 1), got " + testFraction);
    }
    TreeMap<Integer, List<LabeledImage>> byLabel = new TreeMap<>();
    for (LabeledImage image : all) {
      byLabel.computeIfAbsent(image.label(), k -> new ArrayList<>()).add(image);
    }
    List<LabeledImage> train = new ArrayList<>();
    List<LabeledImage> test = new ArrayList<>();
    List<List<LabeledImage>> trainByLabel = new ArrayList<>();
    for (var entry : byLabel.entrySet()) {
      List<LabeledImage> group = new ArrayList<>(entry.getValue());
      Collections.shuffle(group, new Random(mix(seed, entry.getKey())));
      int nTest = (int) Math.round(group.size() * testFraction);
      test.addAll(group.subList(0, nTest));
      List<LabeledImage> rest = List.copyOf(group.subList(nTest, group.size()));
      train.addAll(rest);
      trainByLabel.add(rest);
    }
    Collections.shuffle(train, new Random(mix(seed, -1)));
    Collections.shuffle(test, new Random(mix(seed, -2)));
    return new DatasetSplit(seed, List.copyOf(train), List.copyOf(test), List.copyOf(trainByLabel));
  }

  public long seed() {
    return seed;
  }

  /** All training images (the union of the shards), seeded shuffled order. */
  public List<LabeledImage> train() {
    return train;
  }

  /** Held-out test images: for evaluating published models only, never given to analysts. */
  public List<LabeledImage> test() {
    return test;
  }

  /**
   * The training images dealt into {@code n} disjoint IID shards (stratified round robin, sizes
   * differ by at most one, each shard shuffled with a seed derived from the split seed and its index).
   */
  public List<List<LabeledImage>> shards(int n) {
    if (n <= 0 || n > train.size()) {
      throw new IllegalArgumentException("shard count must be in 1.." + train.size() + ", got " + n);
    }
    List<List<LabeledImage>> shards = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      shards.add(new ArrayList<>(train.size() / n + 1));
    }
    int next = 0;
    for (List<LabeledImage> group : trainByLabel) {
      for (LabeledImage image : group) {
        shards.get(next).add(image);
        next = (next + 1) % n;
      }
    }
    List<List<LabeledImage>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<LabeledImage> shard = shards.get(i);
      Collections.shuffle(shard, new Random(mix(seed, 1000 + i)));
      out.add(List.copyOf(shard));
    }
    return List.copyOf(out);
  }

  /** Shard {@code index} of {@code n} (convenience for one analyst). */
  public List<LabeledImage> shard(int index, int n) {
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("shard index " + index + " outside 0.." + (n - 1));
    }
    return shards(n).get(index);
  }

  private static long mix(long seed, long salt) {
    long z = seed + 0x9E3779B97F4A7C15L * (salt + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
