package io.flep.lab.cipher.cli;

import static io.flep.lab.cipher.cli.CliRun.cipher;
import static org.assertj.core.api.Assertions.assertThat;

import io.flep.lab.LabCli;
import io.flep.plugin.api.key.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
  @TempDir Path dir;

  @Test
  void writesASecretKeyOwnerOnly() throws Exception {
    Path key = dir.resolve("keys/aes.key");

    LabCli.Result result = cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", key.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("wrote aes-gcm key to " + key);
    KeyMaterial read = KeyMaterial.deserialize(Files.readAllBytes(key));
    assertThat(read.schemeId()).isEqualTo("aes-gcm");
    assertThat(read.hasSecret()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
  }

  @Test
  void passesOptionsToThePlugin() throws Exception {
    Path key = dir.resolve("aes128.key");

    assertThat(cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", key.toString(), "--option", "keySizeBits=128")
        .exitCode()).isZero();

    assertThat(KeyMaterial.deserialize(Files.readAllBytes(key)).secretPart().orElseThrow().size()).isEqualTo(16);
  }

  @Test
  void refusesToOverwriteUnlessForced() throws Exception {
    Path key = dir.resolve("k.key");
    assertThat(cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", key.toString()).exitCode()).isZero();
    byte[] first = Files.readAllBytes(key);

    LabCli.Result again = cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", key.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.errLines()).containsExactly("flep: key file " + key + " already exists; use --force to overwrite it");
    assertThat(Files.readAllBytes(key)).isEqualTo(first);

    LabCli.Result forced = cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", key.toString(), "--force");

    assertThat(forced.exitCode()).isZero();
    assertThat(Files.readAllBytes(key)).isNotEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temp file left").containsOnly("k.key");
    }
  }

  @Test
  void unknownSchemeListsTheInstalledOnes() {
    LabCli.Result result = cipher(dir, "keygen", "--scheme", "rot13", "--out", dir.resolve("k").toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines()).singleElement().asString()
        .startsWith("flep: unknown scheme: data cipher 'rot13' is not installed (installed: ")
        .contains("aes-gcm").contains(XorTestImageCipherProvider.ID);
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @Test
  void rejectedOptionIsOneLineAndWritesNothing() {
    LabCli.Result result = cipher(dir, "keygen", "--scheme", "aes-gcm", "--out", dir.resolve("k").toString(),
        "--option", "keySizeBits=100");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.errLines())
        .containsExactly("flep: aes-gcm: invalid option: option 'keySizeBits' of aes-gcm must be one of 128, 256, got '100'");
    assertThat(dir.resolve("k")).doesNotExist();
  }
}
