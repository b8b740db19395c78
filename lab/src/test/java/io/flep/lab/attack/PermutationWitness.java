package io.flep.lab.attack;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.context.PluginContext;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.image.RasterImage;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * Ground truth for grading the attack — the key holder's side, never the attacker's. The key holder draws the
 * chaotic group key (x0, r) exactly as {@code flep-3layer} key generation does by default (x0 uniform in (0, 1),
 * r uniform in [3.99, 4)) and passes it as the documented {@code x0}/{@code r} options, so the attacked key is an
 * ordinary default key. From the same (x0, r) it builds a twin key with {@code layers=1}: scrambling only, which
 * the plugin documents as an exact, noise-free permutation that depends only on the chaotic key and the block size.
 * Encrypting two index images under the twin (high and low byte of each pixel's position) reads the permutation
 * off exactly: two queries with the secret in hand, independent of the attack's statistics.
 */
final class PermutationWitness {
  private final PluginOptions chaoticKey;

  private PermutationWitness(PluginOptions chaoticKey) {
    this.chaoticKey = chaoticKey;
  }

  /** A fresh chaotic key drawn with the plugin's default distribution. */
  static PermutationWitness draw(SecureRandom random) {
    double x0 = ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
    double r = 3.99 + 0.01 * random.nextDouble();
    return new PermutationWitness(PluginOptions.empty().with("x0", Double.toString(x0)).with("r", Double.toString(r)));
  }

  /** Options for the attacked key: the plugin's defaults plus this chaotic key. */
  PluginOptions attackedKeyOptions() {
    return chaoticKey;
  }

  /**
   * For each cipher position j of a w×h grey image, the plaintext position π(j), as the twin key maps it.
   *
   * @throws IllegalStateException if the twin's output is not a permutation (the witness would be invalid)
   */
  int[] plainIndex(ImageCipherProvider provider, int w, int h, SecureRandom random) throws GeneralSecurityException {
    ImageCipher twin = provider.newImageCipher(provider.generateKey(chaoticKey.with("layers", "1"), random), PluginContext.empty());
    int n = w * h;
    byte[] hi = new byte[n];
    byte[] lo = new byte[n];
    for (int i = 0; i < n; i++) {
      hi[i] = (byte) (i >>> 8);
      lo[i] = (byte) i;
    }
    byte[] ch = twin.encrypt(RasterImage.gray(w, h, hi)).cipherImage().samples();
    byte[] cl = twin.encrypt(RasterImage.gray(w, h, lo)).cipherImage().samples();
    int[] index = new int[n];
    for (int j = 0; j < n; j++) {
      index[j] = (ch[j] & 0xff) << 8 | (cl[j] & 0xff);
    }
    if (AttackMetrics.distinctFraction(index) != 1.0) {
      throw new IllegalStateException("the layers=1 twin did not act as a permutation; the witness is invalid");
    }
    return index;
  }
}
