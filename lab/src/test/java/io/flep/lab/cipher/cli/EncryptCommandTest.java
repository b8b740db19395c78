package io.flep.lab.cipher.cli;

import static io.flep.lab.cipher.cli.CliRun.cipher;
import static io.flep.lab.cipher.cli.CliRun.greyPng;
import static io.flep.lab.cipher.cli.CliRun.rgbPng;
import static io.flep.lab.cipher.cli.CliRun.samples;
import static org.assertj.core.api.Assertions.assertThat;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.encryption.png.ImageCodec;
import io.flep.lab.LabCli;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encrypt, and round trips through decrypt, for a byte scheme (aes-gcm) and an image scheme (test fixture). */
class EncryptCommandTest {
  @TempDir Path dir;

  private Path key(String scheme) {
    Path key = dir.resolve(scheme + ".key");
    assertThat(cipher(dir, "keygen", "--scheme", scheme, "--out", key.toString()).exitCode()).isZero();
    return key;
  }

  @Test
  void imageSchemeRoundTripsOneFileThroughACipherPng() throws Exception {
    Path key = key(XorTestImageCipherProvider.ID);
    byte[] plain = greyPng(dir.resolve("baboon.png"), 33, 17, 1);

    LabCli.Result enc = cipher(dir, "encrypt", "--scheme", XorTestImageCipherProvider.ID, "--key", key.toString(),
        "--in", dir.resolve("baboon.png").toString(), "--out", dir.resolve("baboon.cipher.png").toString());

    assertThat(enc.exitCode()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("encrypted 1 file with test-xor-image (cipher image PNG)");
    byte[] cipherPng = Files.readAllBytes(dir.resolve("baboon.cipher.png"));
    assertThat(EncryptedImageCodec.fromPng(cipherPng, "c").cipherImage().samples())
        .as("a cipher PNG whose pixels differ from the plaintext")
        .hasSize(33 * 17).isNotEqualTo(samples(dir.resolve("baboon.png")));

    LabCli.Result dec = cipher(dir, "decrypt", "--scheme", XorTestImageCipherProvider.ID, "--key", key.toString(),
        "--in", dir.resolve("baboon.cipher.png").toString(), "--out", dir.resolve("back.png").toString());

    assertThat(dec.exitCode()).as(dec.err()).isZero();
    assertThat(samples(dir.resolve("back.png"))).isEqualTo(ImageCodec.readPng(plain, "p").samples());
  }

  @Test
  void byteSchemeWritesRawCiphertextAndGivesTheFileBackBitForBit() throws Exception {
    Path key = key("aes-gcm");
    byte[] plain = rgbPng(dir.resolve("city.png"), 20, 10, 2);
    Files.createDirectories(dir.resolve("enc"));

    LabCli.Result enc = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("city.png").toString(), "--out", dir.resolve("enc").toString());

    assertThat(enc.exitCode()).as(enc.err()).isZero();
    byte[] ciphertext = Files.readAllBytes(dir.resolve("enc/city.png"));
    assertThat(ciphertext).as("raw AES-GCM bytes: version 1, nonce, body, tag").hasSize(1 + 12 + plain.length + 16);
    assertThat(ciphertext[0]).isEqualTo((byte) 1);

    LabCli.Result dec = cipher(dir, "decrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("enc/city.png").toString(), "--out", dir.resolve("dec/city.png").toString());

    assertThat(dec.exitCode()).as(dec.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("dec/city.png"))).isEqualTo(plain);
  }

  @ParameterizedTest
  @ValueSource(strings = {"aes-gcm", XorTestImageCipherProvider.ID})
  void folderRoundTripKeepsNamesAndSkipsNonPngFiles(String scheme) throws Exception {
    Path key = key(scheme);
    Path in = dir.resolve("in");
    greyPng(in.resolve("a.png"), 8, 8, 3);
    rgbPng(in.resolve("b.PNG"), 5, 9, 4);
    greyPng(in.resolve("c.png"), 256, 256, 5);
    Files.writeString(in.resolve("notes.txt"), "not an image");
    Files.createDirectories(in.resolve("sub.png"));

    LabCli.Result enc = cipher(dir, "encrypt", "--scheme", scheme, "--key", key.toString(),
        "--in", in.toString(), "--out", dir.resolve("out/enc").toString());

    assertThat(enc.exitCode()).as(enc.err()).isZero();
    assertThat(enc.out()).contains("encrypted 3 files with " + scheme);
    assertThat(enc.errLines()).hasSize(3).allMatch(l -> l.matches("\\[\\d/3] .* -> .*\\(\\d+\\.\\d ms\\)"));
    assertThat(enc.errLines().get(0)).contains("a.png");
    try (var files = Files.list(dir.resolve("out/enc"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.png", "b.PNG", "c.png");
    }

    LabCli.Result dec = cipher(dir, "decrypt", "--scheme", scheme, "--key", key.toString(),
        "--in", dir.resolve("out/enc").toString(), "--out", dir.resolve("out/dec").toString());

    assertThat(dec.exitCode()).as(dec.err()).isZero();
    for (String name : new String[] {"a.png", "b.PNG", "c.png"}) {
      assertThat(samples(dir.resolve("out/dec").resolve(name))).as(name).isEqualTo(samples(in.resolve(name)));
    }
  }

  @Test
  void sixteenBitImageIsRejectedNamingTheFile() throws Exception {
    Path key = key("aes-gcm");
    Path deep = dir.resolve("deep.png");
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_USHORT_GRAY), "png", deep.toFile());

    LabCli.Result result = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", deep.toString(), "--out", dir.resolve("x.png").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines())
        .containsExactly("flep: " + deep + ": uses 16-bit samples; only 8-bit greyscale or RGB is supported");
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void zeroByteAndNonPngInputsAreRejected() throws Exception {
    Path key = key(XorTestImageCipherProvider.ID);
    Files.write(dir.resolve("zero.png"), new byte[0]);
    Files.writeString(dir.resolve("text.png"), "hello");

    LabCli.Result zero = cipher(dir, "encrypt", "--scheme", XorTestImageCipherProvider.ID, "--key", key.toString(),
        "--in", dir.resolve("zero.png").toString(), "--out", dir.resolve("x.png").toString());
    LabCli.Result text = cipher(dir, "encrypt", "--scheme", XorTestImageCipherProvider.ID, "--key", key.toString(),
        "--in", dir.resolve("text.png").toString(), "--out", dir.resolve("x.png").toString());

    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.errLines()).containsExactly("flep: " + dir.resolve("zero.png") + ": empty file (0 bytes)");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.errLines()).containsExactly("flep: " + dir.resolve("text.png") + ": not a PNG file (no PNG signature)");
  }

  @Test
  void imageAboveMaxPixelsIsRejected() throws Exception {
    Path key = key("aes-gcm");
    greyPng(dir.resolve("big.png"), 20, 10, 6);

    LabCli.Result result = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(), "--max-pixels", "199",
        "--in", dir.resolve("big.png").toString(), "--out", dir.resolve("x.png").toString());
    LabCli.Result exactlyAtLimit = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--max-pixels", "200", "--in", dir.resolve("big.png").toString(), "--out", dir.resolve("x.png").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).containsExactly(
        "flep: " + dir.resolve("big.png") + ": image too large, 20x10 = 200 pixels exceeds --max-pixels 199");
    assertThat(exactlyAtLimit.exitCode()).isZero();
  }

  @Test
  void hugeDimensionsAreRejectedFromTheHeaderBeforeDecoding() throws Exception {
    Path key = key("aes-gcm");
    byte[] png = greyPng(dir.resolve("small.png"), 4, 4, 7);
    // claim 100000 x 100000 in IHDR; decoding would fail (CRC) or exhaust memory, the header check comes first
    png[16] = 0;
    png[17] = 1;
    png[18] = (byte) 0x86;
    png[19] = (byte) 0xa0;
    System.arraycopy(png, 16, png, 20, 4);
    Files.write(dir.resolve("bomb.png"), png);

    LabCli.Result result = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("bomb.png").toString(), "--out", dir.resolve("x.png").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).singleElement().asString()
        .contains("bomb.png: image too large, 100000x100000 = 10000000000 pixels exceeds --max-pixels 16777216");
  }

  @Test
  void unknownSchemeMissingInputAndBadKeyFilesAreOneLine() throws Exception {
    Path key = key("aes-gcm");
    greyPng(dir.resolve("p.png"), 4, 4, 8);
    Files.write(dir.resolve("corrupt.key"), "garbage bytes".getBytes());
    byte[] keyBytes = Files.readAllBytes(key);
    Files.write(dir.resolve("truncated.key"), java.util.Arrays.copyOf(keyBytes, keyBytes.length - 3));
    Path unreadable = dir.resolve("unreadable.key");
    Files.copy(key, unreadable);
    unreadable.toFile().setReadable(false, false);
    boolean runningAsRoot = Files.isReadable(unreadable);
    String in = dir.resolve("p.png").toString();
    String out = dir.resolve("x.png").toString();

    LabCli.Result scheme = cipher(dir, "encrypt", "--scheme", "rot13", "--key", key.toString(), "--in", in, "--out", out);
    LabCli.Result missingKey = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", dir.resolve("nope.key").toString(),
        "--in", in, "--out", out);
    LabCli.Result corrupt = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", dir.resolve("corrupt.key").toString(),
        "--in", in, "--out", out);
    LabCli.Result truncated = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key",
        dir.resolve("truncated.key").toString(), "--in", in, "--out", out);
    LabCli.Result directoryKey = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", dir.toString(),
        "--in", in, "--out", out);
    LabCli.Result missingIn = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("gone.png").toString(), "--out", out);

    assertThat(scheme.errLines()).singleElement().asString()
        .startsWith("flep: unknown scheme: data cipher 'rot13' is not installed (installed: ").contains("aes-gcm");
    assertThat(missingKey.errLines()).containsExactly("flep: key file " + dir.resolve("nope.key") + ": not found");
    assertThat(corrupt.errLines())
        .containsExactly("flep: key file " + dir.resolve("corrupt.key") + ": not a FLEP key: wrong magic bytes");
    assertThat(truncated.errLines()).singleElement().asString()
        .startsWith("flep: key file " + dir.resolve("truncated.key") + ": corrupt FLEP key:");
    assertThat(directoryKey.errLines()).singleElement().asString().startsWith("flep: key file " + dir + ": cannot read");
    assertThat(missingIn.errLines()).containsExactly("flep: " + dir.resolve("gone.png") + ": no such file or folder");
    for (LabCli.Result r : new LabCli.Result[] {scheme, missingKey, corrupt, truncated, directoryKey, missingIn}) {
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    }
    if (!runningAsRoot) {
      LabCli.Result denied = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", unreadable.toString(),
          "--in", in, "--out", out);
      assertThat(denied.errLines())
          .containsExactly("flep: key file " + unreadable + ": not readable (permission denied)");
    }
    assertThat(dir.resolve("x.png")).doesNotExist();
  }

  @Test
  void refusesToWriteOverItsInput() throws Exception {
    Path key = key("aes-gcm");
    byte[] plain = greyPng(dir.resolve("in/p.png"), 4, 4, 9);

    LabCli.Result file = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("in/p.png").toString(), "--out", dir.resolve("in/p.png").toString());
    LabCli.Result folder = cipher(dir, "encrypt", "--scheme", "aes-gcm", "--key", key.toString(),
        "--in", dir.resolve("in").toString(), "--out", dir.resolve("in/../in").toString());

    assertThat(file.exitCode()).isEqualTo(1);
    assertThat(file.err()).contains("--out is the same as --in");
    assertThat(folder.exitCode()).isEqualTo(1);
    assertThat(folder.err()).contains("--out is the same as --in");
    assertThat(Files.readAllBytes(dir.resolve("in/p.png"))).isEqualTo(plain);
  }
}
