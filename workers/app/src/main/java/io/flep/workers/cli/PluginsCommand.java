package io.flep.workers.cli;

import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.host.PluginProblem;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flep plugins}: what is installed, built in and dropped in, and what could not be loaded. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "Lists the installed plugins (built in and from the drop-in folder) and the JARs that were skipped.")
public final class PluginsCommand implements Callable<Integer> {
  @Option(names = "--plugins-dir", paramLabel = "DIR", defaultValue = "plugins",
      description = "Folder of drop-in plugin JARs (default: ${DEFAULT-VALUE}).")
  Path pluginsDir;

  @Override
  public Integer call() {
    PluginRegistry registry = PluginRegistry.load(pluginsDir, PluginsCommand.class.getClassLoader());
    System.out.printf(Locale.ROOT, "%-22s %-9s %-20s %-4s %-26s %s%n", "id", "version", "kind", "spi", "capabilities", "source");
    for (PluginDescriptor d : registry.installed()) {
      System.out.printf(Locale.ROOT, "%-22s %-9s %-20s %-4d %-26s %s%n", d.id(), d.version(),
          d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), d.spiVersion(), String.join(",", d.capabilities()),
          d.source());
      if (!d.securityNote().isBlank()) {
        System.out.println("    security: " + d.securityNote());
      }
    }
    for (PluginProblem problem : registry.problems()) {
      System.out.println("skipped " + problem.source() + ": " + problem.reason());
    }
    System.out.println(registry.installed().size() + " plugins installed, " + registry.problems().size()
        + " drop-in problems (folder " + pluginsDir.toAbsolutePath() + ")");
    return 0;
  }
}
