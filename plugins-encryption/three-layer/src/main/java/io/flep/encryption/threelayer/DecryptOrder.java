package io.flep.encryption.threelayer;

import java.util.Locale;

/** Order of the decryption steps when the noise layer is on (without noise both orders give the same image). */
public enum DecryptOrder {
  /** The paper's: denoise the cipher image at σ → IDWT un-blend → descramble. */
  PAPER,
  /**
   * Un-blend → descramble → denoise at σ·√(mean over subbands of 1/(1−α<sub>b</sub>)²) (= σ/(1−α) for one α):
   * the noise stays white through the orthonormal un-blending and the permutation, and the denoiser then works
   * on a natural image instead of a scrambled one (REFERENCE.md §2: ~10–15 dB better).
   */
  REORDERED;

  /** The option/serialised name: {@code paper} or {@code reordered}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the option for anything but {@code paper} / {@code reordered} */
  static DecryptOrder parse(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "paper" -> PAPER;
      case "reordered" -> REORDERED;
      default -> throw new IllegalArgumentException(
          "plugin option 'decryptOrder' must be paper or reordered, got '" + value + "'");
    };
  }
}
