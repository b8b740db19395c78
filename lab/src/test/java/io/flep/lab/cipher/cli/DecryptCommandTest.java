package io.flep.lab.cipher.cli;

import static io.flep.lab.cipher.cli.CliRun.cipher;
import static io.flep.lab.cipher.cli.CliRun.greyPng;
import static org.assertj.core.api.Assertions.assertThat;

import io.flep.encryption.png.EncryptedImageCodec;
import io.flep.lab.LabCli;
import io.flep.plugin.api.image.EncryptedImage;
import io.flep.plugin.api.image.RasterImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way decryption input can be bad gives exit 1 and one line naming the file and the cause. */
class DecryptCommandTest {
  private static final String XOR = XorTestImageCipherProvider.ID;
  @TempDir Path dir;

  private Path key(String scheme, String name) {
    Path key = dir.resolve(name);
    assertThat(cipher(dir, "keygen", "--scheme", scheme, "--out", key.toString()).exitCode()).isZero();
    return key;
  }

  private Path encrypt(String scheme, Path key, String name) throws Exception {
    greyPng(dir.resolve("plain").resolve(name), 16, 16, name.hashCode());
    Path out = dir.resolve("enc").resolve(name);
    LabCli.Result r = cipher(dir, "encrypt", "--scheme", scheme, "--key", key.toString(),
        "--in", dir.resolve("plain").resolve(name).toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    return out;
  }

  private LabCli.Result decrypt(String scheme, Path key, Path in) {
    return cipher(dir, "decrypt", "--scheme", scheme, "--key", key.toString(), "--in", in.toString(),
        "--out", dir.resolve("dec").toString());
  }

  private void assertFailsWith(LabCli.Result result, String line) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(1);
    assertThat(result.errLines()).containsExactly(line);
    assertThat(dir.resolve("dec")).as("nothing written").doesNotExist();
  }

  @BeforeEach
  void noOutputYet() {
    assertThat(dir.resolve("dec")).doesNotExist();
  }

  @Test
  void wrongKeyOfTheSameSchemeFailsAuthentication() throws Exception {
    Path aes = encrypt("aes-gcm", key("aes-gcm", "a.key"), "a.png");
    Path xor = encrypt(XOR, key(XOR, "x.key"), "x.png");

    assertFailsWith(decrypt("aes-gcm", key("aes-gcm", "other-a.key"), aes), "flep: " + aes
        + ": cannot decrypt with aes-gcm: aes-gcm authentication failed: wrong key, wrong associated data, or the"
        + " ciphertext was altered or truncated");
    assertFailsWith(decrypt(XOR, key(XOR, "other-x.key"), xor), "flep: " + xor + ": cannot decrypt with " + XOR
        + " (wrong key, or a truncated or tampered cipher image): test-xor-image: authentication failed (wrong key or"
        + " tampered image)");
  }

  @Test
  void keyOfAnotherSchemeIsAWrongKey() throws Exception {
    Path aesKey = key("aes-gcm", "a.key");
    Path xor = encrypt(XOR, key(XOR, "x.key"), "x.png");

    assertFailsWith(decrypt(XOR, aesKey, xor),
        "flep: key file " + aesKey + ": wrong key, it is a 'aes-gcm' key, not a '" + XOR + "' key");
  }

  @Test
  void truncatedCipherFilesAreRejected() throws Exception {
    Path aes = encrypt("aes-gcm", key("aes-gcm", "a.key"), "a.png");
    Path xorKey = key(XOR, "x.key");
    Path xor = encrypt(XOR, xorKey, "x.png");
    byte[] aesBytes = Files.readAllBytes(aes);
    Files.write(aes, Arrays.copyOf(aesBytes, aesBytes.length - 1));
    Path shortAes = dir.resolve("short.png");
    Files.write(shortAes, Arrays.copyOf(aesBytes, 10));
    byte[] xorBytes = Files.readAllBytes(xor);
    Files.write(xor, Arrays.copyOf(xorBytes, xorBytes.length - 20));

    assertFailsWith(decrypt("aes-gcm", key("aes-gcm", "unused.key"), shortAes), "flep: " + shortAes
        + ": cannot decrypt with aes-gcm: aes-gcm ciphertext too short: 10 bytes, at least 29 needed (version, 12-byte"
        + " nonce, 16-byte tag)");
    LabCli.Result truncatedAes = decrypt("aes-gcm", dir.resolve("a.key"), aes);
    assertThat(truncatedAes.exitCode()).isEqualTo(1);
    assertThat(truncatedAes.errLines()).singleElement().asString()
        .startsWith("flep: " + aes + ": cannot decrypt with aes-gcm: aes-gcm authentication failed");
    LabCli.Result truncatedXor = decrypt(XOR, xorKey, xor);
    assertThat(truncatedXor.exitCode()).isEqualTo(1);
    assertThat(truncatedXor.errLines()).singleElement().asString()
        .startsWith("flep: " + xor + ": truncated or corrupt cipher PNG");
  }

  @Test
  void tamperedCipherImageIsRejectedByTheScheme() throws Exception {
    Path key = key(XOR, "x.key");
    Path xor = encrypt(XOR, key, "x.png");
    EncryptedImage original = EncryptedImageCodec.fromPng(Files.readAllBytes(xor), "x");
    byte[] samples = original.cipherImage().samples();
    samples[5] ^= 1;
    Files.write(xor, EncryptedImageCodec.toPng(new EncryptedImage(RasterImage.gray(16, 16, samples), original.header())));

    LabCli.Result result = decrypt(XOR, key, xor);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).singleElement().asString()
        .isEqualTo("flep: " + xor + ": cannot decrypt with " + XOR + " (wrong key, or a truncated or tampered cipher"
            + " image): test-xor-image: authentication failed (wrong key or tampered image)");
  }

  @Test
  void plainPngAndZeroByteFileAreNotCipherFiles() throws Exception {
    Path key = key(XOR, "x.key");
    Path plain = dir.resolve("photo.png");
    greyPng(plain, 4, 4, 1);
    Path zero = dir.resolve("zero.png");
    Files.write(zero, new byte[0]);

    assertFailsWith(decrypt(XOR, key, plain),
        "flep: " + plain + ": not a FLEP cipher image (no tEXt chunk 'flep-cipher-header')");
    assertFailsWith(decrypt(XOR, key, zero), "flep: " + zero + ": empty file (0 bytes)");
    assertFailsWith(decrypt("aes-gcm", key("aes-gcm", "a.key"), zero), "flep: " + zero + ": empty file (0 bytes)");
  }

  @Test
  void cipherImageAboveMaxPixelsIsRejected() throws Exception {
    Path key = key(XOR, "x.key");
    Path xor = encrypt(XOR, key, "x.png");

    LabCli.Result result = cipher(dir, "decrypt", "--scheme", XOR, "--key", key.toString(), "--in", xor.toString(),
        "--out", dir.resolve("dec").toString(), "--max-pixels", "255");

    assertFailsWith(result, "flep: " + xor + ": image too large, 16x16 = 256 pixels exceeds --max-pixels 255");
  }

  @Test
  void batchStopsAtTheFirstBadFileNamingIt() throws Exception {
    Path key = key(XOR, "x.key");
    encrypt(XOR, key, "a.png");
    Path bad = dir.resolve("enc/b.png");
    Files.write(bad, new byte[0]);
    encrypt(XOR, key, "c.png");

    LabCli.Result result = decrypt(XOR, key, dir.resolve("enc"));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().get(0)).startsWith("[1/3] " + dir.resolve("enc/a.png"));
    assertThat(result.errLines().get(1)).isEqualTo("flep: " + bad + ": empty file (0 bytes)");
    assertThat(dir.resolve("dec/a.png")).exists();
    assertThat(dir.resolve("dec/c.png")).as("stopped before c.png").doesNotExist();
  }

  @Test
  void keepGoingSkipsBadFilesAndFailsAtTheEnd() throws Exception {
    Path key = key(XOR, "x.key");
    encrypt(XOR, key, "a.png");
    Path bad = dir.resolve("enc/b.png");
    Files.write(bad, new byte[0]);
    encrypt(XOR, key, "c.png");

    LabCli.Result result = cipher(dir, "decrypt", "--scheme", XOR, "--key", key.toString(), "--keep-going",
        "--in", dir.resolve("enc").toString(), "--out", dir.resolve("dec").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).contains("[2/3] skipped " + bad + ": empty file (0 bytes)");
    assertThat(result.errLines().stream().filter(l -> l.startsWith("flep:"))).containsExactly(
        "flep: 1 of 3 files failed, 2 written (first failure: " + bad + ": empty file (0 bytes))");
    assertThat(dir.resolve("dec/a.png")).exists();
    assertThat(dir.resolve("dec/c.png")).exists();
    assertThat(dir.resolve("dec/b.png")).doesNotExist();
  }

  @Test
  void emptyFolderAndFileAsBatchOutputAreRejected() throws Exception {
    Path key = key(XOR, "x.key");
    Files.createDirectories(dir.resolve("empty"));
    encrypt(XOR, key, "a.png");
    Files.writeString(dir.resolve("file-out"), "x");

    assertFailsWith(decrypt(XOR, key, dir.resolve("empty")), "flep: " + dir.resolve("empty") + ": no *.png files in this folder");
    LabCli.Result toFile = cipher(dir, "decrypt", "--scheme", XOR, "--key", key.toString(),
        "--in", dir.resolve("enc").toString(), "--out", dir.resolve("file-out").toString());
    assertThat(toFile.errLines()).containsExactly(
        "flep: " + dir.resolve("file-out") + ": --in is a folder, so --out must be a folder, but it is a file");
  }
}
