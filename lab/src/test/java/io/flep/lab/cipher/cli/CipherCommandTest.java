package io.flep.lab.cipher.cli;

import static io.flep.lab.cipher.cli.CliRun.cipher;
import static io.flep.lab.cipher.cli.CliRun.greyPng;
import static io.flep.lab.cipher.cli.CliRun.rgbPng;
import static io.flep.lab.cipher.cli.CliRun.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.lab.LabCli;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flep cipher} with the real built-in image-cipher plugins. */
class CipherCommandTest {
  private static final String HARDENED = "flep-3layer-hardened";
  private static final String FAITHFUL = "flep-3layer";
  @TempDir Path dir;

  private Path key(String scheme, String... options) {
    Path key = dir.resolve(scheme + "-" + Arrays.hashCode(options) + ".key");
    String[] args = {"keygen", "--scheme", scheme, "--out", key.toString()};
    for (String option : options) {
      args = Arrays.copyOf(args, args.length + 2);
      args[args.length - 2] = "--option";
      args[args.length - 1] = option;
    }
    LabCli.Result result = cipher(dir, args);
    assertThat(result.exitCode()).as(result.err()).isZero();
    return key;
  }

  private LabCli.Result run(String op, String scheme, Path key, Path in, Path out) {
    return cipher(dir, op, "--scheme", scheme, "--key", key.toString(), "--in", in.toString(), "--out", out.toString());
  }

  @Test
  void withoutSubcommandPrintsUsage() {
    LabCli.Result result = CliRun.flep("cipher");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("keygen").contains("encrypt").contains("decrypt").contains("eval").contains("bench");
  }

  @Test
  void hardenedRoundTripsGreyAndRgbFolderExactlyWithNoiseOff() throws Exception {
    Path key = key(HARDENED, "noise=false");
    greyPng(dir.resolve("in/grey.png"), 37, 23, 1);
    rgbPng(dir.resolve("in/rgb.png"), 16, 16, 2);

    LabCli.Result enc = run("encrypt", HARDENED, key, dir.resolve("in"), dir.resolve("enc"));
    LabCli.Result dec = run("decrypt", HARDENED, key, dir.resolve("enc"), dir.resolve("dec"));

    assertThat(enc.exitCode()).as(enc.err()).isZero();
    assertThat(dec.exitCode()).as(dec.err()).isZero();
    for (String name : new String[] {"grey.png", "rgb.png"}) {
      assertThat(samples(dir.resolve("dec").resolve(name))).as(name).isEqualTo(samples(dir.resolve("in").resolve(name)));
      assertThat(EncryptedImageCodec.fromPng(Files.readAllBytes(dir.resolve("enc").resolve(name)), name).header())
          .as("hardened header with nonce and tag").isNotEmpty();
    }
  }

  @Test
  void hardenedDetectsOneChangedCipherPixelBeforeDecrypting() throws Exception {
    Path key = key(HARDENED);
    greyPng(dir.resolve("p.png"), 32, 32, 3);
    assertThat(run("encrypt", HARDENED, key, dir.resolve("p.png"), dir.resolve("c.png")).exitCode()).isZero();
    EncryptedImage encrypted = EncryptedImageCodec.fromPng(Files.readAllBytes(dir.resolve("c.png")), "c");
    RasterImage cipher = encrypted.cipherImage();
    byte[] s = cipher.samples();
    s[100] ^= 0x10;
    Files.write(dir.resolve("c.png"), EncryptedImageCodec.toPng(
        new EncryptedImage(new RasterImage(cipher.width(), cipher.height(), cipher.channels(), s), encrypted.header())));

    LabCli.Result result = run("decrypt", HARDENED, key, dir.resolve("c.png"), dir.resolve("d.png"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flep: " + dir.resolve("c.png") + ": cannot decrypt with " + HARDENED)
        .contains("authentication failed");
    assertThat(dir.resolve("d.png")).doesNotExist();
  }

  @Test
  void hardenedRejectsAnotherKeyAndATruncatedCipher() throws Exception {
    Path key = key(HARDENED);
    Path other = key(HARDENED, "keySizeBits=128");
    greyPng(dir.resolve("p.png"), 32, 32, 4);
    assertThat(run("encrypt", HARDENED, key, dir.resolve("p.png"), dir.resolve("c.png")).exitCode()).isZero();
    byte[] png = Files.readAllBytes(dir.resolve("c.png"));
    Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length - 40));

    LabCli.Result wrongKey = run("decrypt", HARDENED, other, dir.resolve("c.png"), dir.resolve("d.png"));
    LabCli.Result truncated = run("decrypt", HARDENED, key, dir.resolve("cut.png"), dir.resolve("d.png"));

    assertThat(wrongKey.exitCode()).isEqualTo(1);
    assertThat(wrongKey.errLines()).singleElement().asString().contains("c.png").contains("authentication failed");
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.errLines()).singleElement().asString()
        .startsWith("flep: " + dir.resolve("cut.png") + ": truncated or corrupt cipher PNG");
    assertThat(dir.resolve("d.png")).doesNotExist();
  }

  @Test
  void faithfulRoundTripsAFolderWithinOneGreyLevelWithNoiseOff() throws Exception {
    Path key = key(FAITHFUL, "noise=false");
    greyPng(dir.resolve("in/a.png"), 32, 32, 5);
    greyPng(dir.resolve("in/b.png"), 64, 48, 6);

    LabCli.Result enc = run("encrypt", FAITHFUL, key, dir.resolve("in"), dir.resolve("enc"));
    LabCli.Result dec = run("decrypt", FAITHFUL, key, dir.resolve("enc"), dir.resolve("dec"));

    assertThat(enc.exitCode()).as(enc.err()).isZero();
    assertThat(dec.exitCode()).as(dec.err()).isZero();
    for (String name : new String[] {"a.png", "b.png"}) {
      byte[] plain = samples(dir.resolve("in").resolve(name));
      byte[] back = samples(dir.resolve("dec").resolve(name));
      assertThat(back).hasSameSizeAs(plain);
      for (int i = 0; i < plain.length; i++) {
        assertThat(Math.abs((back[i] & 0xff) - (plain[i] & 0xff))).as(name + " sample " + i).isLessThanOrEqualTo(1);
      }
      assertThat(samples(dir.resolve("enc").resolve(name))).as("cipher differs from plain").isNotEqualTo(plain);
    }
  }

  @Test
  void faithfulWithNoiseDecryptsThroughTheDenoiser() throws Exception {
    Path key = key(FAITHFUL);
    greyPng(dir.resolve("p.png"), 32, 32, 7);

    assertThat(run("encrypt", FAITHFUL, key, dir.resolve("p.png"), dir.resolve("c.png")).exitCode()).isZero();
    LabCli.Result dec = run("decrypt", FAITHFUL, key, dir.resolve("c.png"), dir.resolve("d.png"));

    assertThat(dec.exitCode()).as(dec.err()).isZero();
    assertThat(samples(dir.resolve("d.png"))).hasSize(32 * 32);
  }

  @Test
  void faithfulRejectsAnotherFaithfulKeyByItsHeaderCheck() throws Exception {
    Path key = key(FAITHFUL, "noise=false");
    Path other = key(FAITHFUL, "noise=false", "blockSize=2");
    greyPng(dir.resolve("p.png"), 32, 32, 8);
    assertThat(run("encrypt", FAITHFUL, key, dir.resolve("p.png"), dir.resolve("c.png")).exitCode()).isZero();

    LabCli.Result result = run("decrypt", FAITHFUL, other, dir.resolve("c.png"), dir.resolve("d.png"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flep: " + dir.resolve("c.png") + ": cannot decrypt with " + FAITHFUL);
    assertThat(dir.resolve("d.png")).doesNotExist();
  }
}
