package io.flep.lab.denoise.training;

import java.util.Locale;
import java.util.Set;

/**
 * The fixed train / validation / test split of the shared photo set, by image (never by patch): an image
 * belongs to exactly one part, chosen by its file name without extension, so {@code photos/baboon.jpg} and
 * {@code standard-256/baboon.png} land in the same part. Training samples patches only from {@link Part#TRAIN};
 * validation PSNR during training uses {@link Part#VALIDATION}; the reported held-out figures use
 * {@link Part#TEST}. Near-duplicate scenes (the {@code aero1}/{@code aero3} stereo pair) sit in one part.
 * Any name not listed (other folders, new images) counts as training data. Documented in
 * {@code docs/dncnn-training.md}.
 */
public final class PhotoSplit {

  /** The part an image belongs to. */
  public enum Part {
    TRAIN, VALIDATION, TEST;

    /** Parses {@code train}, {@code validation} or {@code test} (case-insensitive). */
    public static Part parse(String s) {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
  }

  /** Held out for the reported evaluation: training and validation never see them. */
  public static final Set<String> TEST =
      Set.of("baboon", "board", "butterfly", "fruits", "leuvenA", "squirrel_cls");

  /** Validation images: periodic PSNR during training, for choosing checkpoints. */
  public static final Set<String> VALIDATION = Set.of("aero1", "aero3", "messi5");

  private PhotoSplit() {
  }

  /** The part of the image with this file name (extension ignored). */
  public static Part partOf(String fileName) {
    String base = baseName(fileName);
    if (TEST.contains(base)) {
      return Part.TEST;
    }
    if (VALIDATION.contains(base)) {
      return Part.VALIDATION;
    }
    return Part.TRAIN;
  }

  /** The file name without folder and extension. */
  public static String baseName(String fileName) {
    String name = fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
