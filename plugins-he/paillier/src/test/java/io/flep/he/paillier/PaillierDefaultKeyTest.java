package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.key.KeyMaterial;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one test with the default 2048-bit key: a model-update-sized vector end to end. Timings (wall clock and
 * process CPU, which is less sensitive to other load on a shared machine) are printed to
 * target/surefire-reports/*-output.txt, never asserted.
 */
class PaillierDefaultKeyTest {

  @Test
  void defaultKeyEncryptsAndAggregatesAModelUpdate() throws Exception {
    PaillierSchemeProvider provider = new PaillierSchemeProvider();
    Stopwatch keygen = new Stopwatch();
    KeyMaterial key = provider.generateKeyPair(PluginOptions.empty(), new SecureRandom());
    keygen.stop();
    HomomorphicEncryption analyst = provider.newEncryption(key.publicOnly());
    PaillierScheme holder = (PaillierScheme) provider.newDecryption(key);
    Random random = new Random(11);
    double[] update = new double[25_000];
    for (int i = 0; i < update.length; i++) {
      update[i] = random.nextGaussian() * 0.1;
    }

    Stopwatch encrypt = new Stopwatch();
    HeCiphertext c = analyst.encrypt(update);
    encrypt.stop();
    Stopwatch add = new Stopwatch();
    byte[] wire = analyst.add(c, c).toBytes();
    add.stop();
    Stopwatch decrypt = new Stopwatch();
    double[] sum = holder.decrypt(holder.parse(wire));
    decrypt.stop();

    assertThat(((PaillierScheme) holder).packer().slotsPerPlaintext()).isEqualTo(66);
    assertThat(((PaillierCiphertext) c).ciphertextCount()).as("ceil(25,000 / 66)").isEqualTo(379);
    double maxError = 0;
    for (int i = 0; i < update.length; i++) {
      maxError = Math.max(maxError, Math.abs(sum[i] - 2 * update[i]));
    }
    assertThat(maxError).isLessThanOrEqualTo(Math.scalb(1.0, -21) * 2);
    System.out.printf(
        "paillier 2048-bit, %d cores, load average %.1f: keygen %s; encrypt 25,000 values into 379 ciphertexts %s;"
            + " add+serialise %s; parse+decrypt %s; max error %.2e; %d bytes on the wire%n",
        Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        keygen, encrypt, add, decrypt, maxError, wire.length);
  }

  /** Wall-clock and process CPU time of one step. */
  private static final class Stopwatch {
    private final long wall = System.nanoTime();
    private final long cpu = cpu();
    private long wallMs;
    private long cpuMs;

    void stop() {
      wallMs = (System.nanoTime() - wall) / 1_000_000;
      cpuMs = (cpu() - cpu) / 1_000_000;
    }

    private static long cpu() {
      return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @Override
    public String toString() {
      return wallMs + " ms (" + cpuMs + " ms CPU)";
    }
  }
}
