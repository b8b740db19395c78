package io.flep.workers.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.FlepApplication;
import io.flep.workers.store.DatasetRepository;
import io.flep.workers.store.RunRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad input stops the run at the task that meets it, with a message naming the cause, and keeps what was
 * already stored. The drop-in folder holds a JAR that is not a plugin: it is skipped, the rest still works.
 */
@SpringBootTest(classes = FlepApplication.class)
class BadInputRunTest {
  static final Path DATA = TestDirectories.create("badinput-data");
  static final Path PLUGINS = TestDirectories.create("badinput-plugins");
  static final Path NOT_A_PLUGIN = PLUGINS.resolve("my-cipher.jar");

  static {
    try (OutputStream file = Files.newOutputStream(NOT_A_PLUGIN);
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("README.txt"));
      jar.write("just a library, no FLEP plugin inside".getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("flep.data-dir", DATA::toString);
    registry.add("flep.plugins-dir", PLUGINS::toString);
  }

  @Autowired RunService runs;
  @Autowired RunRepository runRows;
  @Autowired DatasetRepository dataset;

  private RunReport run(String images, String dataCipher) {
    return runs.execute(RunRequest.builder().analysts(2).minContributors(2).rounds(1).seed(1).dataSource(images).dataCipher(dataCipher).build(), line -> {},
        Duration.ofMinutes(5));
  }

  @Test
  void unknownPluginStopsTheRunAtEncryptAndKeepsTheStoredImages() {
    RunReport report = run(null, "no-such-cipher");

    assertThat(report.status()).isEqualTo("FAILED");
    assertThat(report.failure()).contains("encrypt").contains("no-such-cipher").contains("aes-gcm");
    assertThat(report.stages()).filteredOn(s -> s.name().equals("encrypt")).singleElement()
        .extracting(RunReport.Stage::status).isEqualTo("FAILED");
    assertThat(report.stages()).filteredOn(s -> s.name().equals("analyze")).singleElement()
        .extracting(RunReport.Stage::status).isEqualTo("NOT_RUN");
    UUID runId = UUID.fromString(report.runId());
    assertThat(dataset.all(runId)).as("images stored before the failure are kept").hasSize(5000);
    assertThat(runRows.find(runId)).get().extracting(RunRepository.RunRow::status).isEqualTo("FAILED");
  }

  @Test
  void aJarThatIsNotAPluginIsNamedWhenItsPluginIsAskedFor() {
    RunReport report = run(null, "my-cipher");

    assertThat(report.status()).isEqualTo("FAILED");
    assertThat(report.failure()).contains("my-cipher").contains(NOT_A_PLUGIN.getFileName().toString())
        .contains("no FLEP plugin");
  }

  @Test
  void unreadableImageStopsTheRunAtGenerateNamingTheFile() throws IOException {
    Path images = TestDirectories.create("badinput-images");
    Files.createDirectories(images.resolve("3"));
    Files.copy(BadInputRunTest.class.getResourceAsStream("/images/seven.png"), images.resolve("3").resolve("ok.png"));
    Files.write(images.resolve("3").resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});

    RunReport report = run(images.toString(), null);

    assertThat(report.status()).isEqualTo("FAILED");
    assertThat(report.failure()).contains("generate").contains("broken.png");
    assertThat(report.stages()).filteredOn(s -> s.name().equals("generate")).singleElement()
        .extracting(RunReport.Stage::status).isEqualTo("FAILED");
  }
}
