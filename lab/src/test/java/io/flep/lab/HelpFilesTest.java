package io.flep.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./flep <cmd> [<sub>] --help} answers from {@code docs/cli/<cmd>[-<sub>].txt} without building, so those
 * files must be what the commands print. Regenerate them with {@code -Dflep.cli.regenerate=true}.
 */
class HelpFilesTest {
  static final Path DIR = Path.of("..", "docs", "cli");

  @Test
  void everyCommandsHelpFileIsWhatItPrints() throws IOException {
    Map<String, String> expected = new TreeMap<>();
    collect(new CommandLine(new LabMain()), "", expected);
    assertThat(expected).containsKeys("cipher.txt", "cipher-encrypt.txt", "denoiser.txt", "he.txt", "he-bench.txt");
    for (var entry : expected.entrySet()) {
      Path file = DIR.resolve(entry.getKey());
      if (Boolean.getBoolean("flep.cli.regenerate")) {
        Files.createDirectories(DIR);
        Files.writeString(file, entry.getValue());
      }
      assertThat(file).as("help file of ./flep %s (regenerate with -Dflep.cli.regenerate=true)", entry.getKey())
          .exists().hasContent(entry.getValue());
    }
  }

  static void collect(CommandLine command, String prefix, Map<String, String> out) {
    command.getSubcommands().forEach((name, sub) -> {
      if (!name.equals(sub.getCommandName())) {
        return; // an alias: its help is the command's
      }
      String file = prefix.isEmpty() ? name : prefix + "-" + name;
      out.put(file + ".txt", sub.getUsageMessage(CommandLine.Help.Ansi.OFF));
      collect(sub, file, out);
    });
  }
}
