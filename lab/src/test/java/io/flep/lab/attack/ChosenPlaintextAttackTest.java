package io.flep.lab.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flep.encryption.png.ImageCodec;
import io.flep.lab.testdata.SharedDatasets;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.denoise.Denoiser;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.ImageCipher;
import io.flep.plugin.api.image.ImageCipherProvider;
import io.flep.plugin.api.image.RasterImage;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 item 7: {@link ChosenPlaintextAttack} breaks the faithful {@code flep-3layer} cipher (permutation, α and
 * the secret image recovered; an unseen image decrypted without the key) and gets nothing from
 * {@code flep-3layer-hardened}. Everything goes through the plugin registry and the public SPI; the attacker
 * never reads a key. Ground truth for the permutation comes from the key holder ({@link PermutationWitness}).
 */
class ChosenPlaintextAttackTest {
  private static final String FAITHFUL = "flep-3layer";
  private static final String HARDENED = "flep-3layer-hardened";
  private static final String UNSEEN = "baboon.png";
  private static final int SIZE = 256;
  private static final int REPEATS = 4;
  private static final int REFERENCE_REPEATS = 4;

  private static PluginRegistry registry;
  private static Denoiser wiener;
  private final SecureRandom random = new SecureRandom();
  private final ChosenPlaintextAttack attack = new ChosenPlaintextAttack(SIZE, SIZE, REPEATS, REFERENCE_REPEATS);

  @BeforeAll
  static void loadPlugins() {
    registry = PluginRegistry.load(null, ChosenPlaintextAttackTest.class.getClassLoader());
    wiener = registry.denoiser("wiener").newDenoiser(PluginOptions.empty());
  }

  @AfterAll
  static void closeRegistry() {
    registry.close();
  }

  @Test
  void recoversPermutationAlphaAndSecretImageOfTheFaithfulCipherAndDecryptsAnUnseenImage() throws Exception {
    RasterImage unseen = unseenImage();
    ImageCipherProvider provider = registry.imageCipher(FAITHFUL);
    PermutationWitness witness = PermutationWitness.draw(random);
    ImageCipher cipher = provider.newImageCipher(provider.generateKey(witness.attackedKeyOptions(), random), registry.context());

    long start = System.nanoTime();
    RecoveredSecrets secrets = attack.run(EncryptionOracle.of(cipher));
    EncryptedImage victim = cipher.encrypt(unseen);
    RasterImage stolen = secrets.decrypt(victim.cipherImage(), wiener);
    long attackMs = (System.nanoTime() - start) / 1_000_000;

    int[] truth = witness.plainIndex(provider, SIZE, SIZE, random);
    double accuracy = AttackMetrics.agreement(secrets.plainIndex(), truth);
    double psnr = AttackMetrics.psnr(stolen, unseen);
    RasterImage legitimate = cipher.decrypt(victim);
    double keyHolderPsnr = AttackMetrics.psnr(legitimate, unseen);
    double chancePsnr = AttackMetrics.psnr(shuffled(secrets).decrypt(victim.cipherImage(), wiener), unseen);
    System.out.printf("%s: %d chosen images, permutation %.5f correct, alpha %.5f, sigma %.2f; %s decrypted without"
            + " the key %.2f dB (key holder %.2f dB, attacker vs key holder %.2f dB, shuffled permutation %.2f dB);"
            + " attack %d ms%n", FAITHFUL, secrets.chosenPlaintexts(), accuracy, secrets.alpha(), secrets.sigma(),
        UNSEEN, psnr, keyHolderPsnr, AttackMetrics.psnr(stolen, legitimate), chancePsnr, attackMs);

    assertThat(secrets.chosenPlaintexts()).as("O(log N) chosen images")
        .isEqualTo(16 * REPEATS + 3 * REFERENCE_REPEATS);
    assertThat(accuracy).as("fraction of the 65,536 permutation entries recovered").isGreaterThanOrEqualTo(0.999);
    assertThat(secrets.alpha()).as("recovered alpha (default 0.3)").isCloseTo(0.3, within(0.01));
    assertThat(secrets.sigma()).as("recovered noise sigma (default 25)").isCloseTo(25.0, within(1.5));
    // The key holder's own decryption is the ceiling (Wiener at sigma/(1 - alpha) on a textured image: ~23 dB on
    // baboon); the attack must reach it, and stay far above a decryption with a guessed permutation (~14 dB).
    assertThat(psnr).as("attacker PSNR vs key holder's %.2f dB", keyHolderPsnr)
        .isGreaterThanOrEqualTo(keyHolderPsnr - 0.5);
    assertThat(psnr).as("attacker PSNR vs shuffled-permutation %.2f dB", chancePsnr)
        .isGreaterThanOrEqualTo(chancePsnr + 6);
    assertThat(psnr).as("attacker PSNR").isGreaterThanOrEqualTo(20);
    assertThat(AttackMetrics.psnr(stolen, legitimate)).as("attacker's image vs the key holder's decryption")
        .isGreaterThanOrEqualTo(35);
  }

  /**
   * The same attack (and oracle budget) on the hardened mode. Each encryption draws a fresh nonce, so there is no
   * fixed permutation to recover: two independent runs of the attack agree on chance-level entries, the "recovered"
   * map is not even a bijection, and the attacker's decryption of the unseen image is no better than one with a
   * guessed permutation. Uses the plugin's defaults (noise off), the attacker's most favourable setting.
   */
  @Test
  void getsNothingFromTheHardenedCipher() throws Exception {
    assertThat(registry.descriptor(HARDENED)).as("plugin %s installed", HARDENED).isPresent();
    RasterImage unseen = unseenImage();
    ImageCipherProvider provider = registry.imageCipher(HARDENED);
    ImageCipher cipher = provider.newImageCipher(provider.generateKey(PluginOptions.empty(), random), registry.context());
    EncryptionOracle oracle = EncryptionOracle.of(cipher);

    long start = System.nanoTime();
    RecoveredSecrets first = attack.run(oracle);
    RecoveredSecrets second = attack.run(oracle);
    RasterImage victim = cipher.encrypt(unseen).cipherImage();
    RasterImage stolen = first.decrypt(victim, wiener);
    RasterImage raw = first.decrypt(victim, null);
    long attackMs = (System.nanoTime() - start) / 1_000_000;

    double agreement = AttackMetrics.agreement(first.plainIndex(), second.plainIndex());
    double distinct = AttackMetrics.distinctFraction(first.plainIndex());
    double psnr = AttackMetrics.psnr(stolen, unseen);
    double chancePsnr = AttackMetrics.psnr(shuffled(first).decrypt(victim, wiener), unseen);
    double rawPsnr = AttackMetrics.psnr(raw, unseen);
    double rawCorrelation = AttackMetrics.correlation(raw, unseen);
    System.out.printf("%s: %d chosen images per run, two runs agree on %.5f of entries, %.4f distinct, alpha %.4f;"
            + " %s decrypted %.2f dB (shuffled permutation %.2f dB), undenoised %.2f dB, correlation %.4f;"
            + " attack %d ms%n", HARDENED, first.chosenPlaintexts(), agreement, distinct, first.alpha(), UNSEEN, psnr,
        chancePsnr, rawPsnr, rawCorrelation, attackMs);

    assertThat(agreement).as("agreement of two independent recoveries").isLessThanOrEqualTo(0.01);
    assertThat(distinct).as("distinct entries of the recovered map (1 for a permutation)").isLessThan(0.9);
    assertThat(rawPsnr).as("undenoised attacker PSNR (wrong-key level is ~8-10 dB)").isLessThan(12);
    assertThat(Math.abs(rawCorrelation)).as("|correlation| of the attacker's output with the image").isLessThan(0.03);
    assertThat(psnr).as("denoised attacker PSNR vs shuffled-permutation %.2f dB", chancePsnr)
        .isLessThan(chancePsnr + 1);
  }

  /** The recovered secrets with the permutation replaced by a random one: the chance-level baseline. */
  private static RecoveredSecrets shuffled(RecoveredSecrets s) {
    int[] p = s.plainIndex().clone();
    Random r = new Random(1);
    for (int i = p.length - 1; i > 0; i--) {
      int k = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[k];
      p[k] = t;
    }
    return new RecoveredSecrets(p, s.alpha(), s.alphaS(), s.sigma(), s.chosenPlaintexts());
  }

  private static RasterImage unseenImage() throws Exception {
    Path p = SharedDatasets.require("standard-256", UNSEEN);
    RasterImage image = ImageCodec.readImage(Files.readAllBytes(p), UNSEEN);
    assertThat(image.channels() == 1 && image.width() == SIZE && image.height() == SIZE)
        .as("%s is %dx%d grey", UNSEEN, SIZE, SIZE).isTrue();
    return image;
  }
}
