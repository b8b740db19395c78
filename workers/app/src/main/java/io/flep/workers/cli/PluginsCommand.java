package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flep.plugin.api.PluginDescriptor;
import io.flep.plugin.api.param.Parameter;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.host.PluginProblem;
import io.flep.plugin.host.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  @Option(names = "--json", description = "Print every plugin with its declared options as JSON (for tools such as"
      + " element-template generators) instead of the table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (PluginRegistry registry = PluginRegistry.load(pluginsDir, PluginsCommand.class.getClassLoader())) {
      if (json) {
        printJson(registry);
      } else {
        printTable(registry);
      }
    }
    return 0;
  }

  private void printJson(PluginRegistry registry) throws Exception {
    List<Map<String, Object>> plugins = new ArrayList<>();
    for (PluginDescriptor d : registry.installed()) {
      Map<String, Object> plugin = new LinkedHashMap<>();
      plugin.put("id", d.id());
      plugin.put("version", d.version());
      plugin.put("kind", kindName(d));
      plugin.put("spiVersion", d.spiVersion());
      plugin.put("capabilities", d.capabilities());
      plugin.put("description", d.description());
      plugin.put("securityNote", d.securityNote());
      plugin.put("source", d.source());
      ParameterSet parameters = registry.parameters(d.id());
      plugin.put("parameters", parameters.describe());
      plugin.put("constraints", parameters.describeConstraints());
      plugins.add(plugin);
    }
    List<Map<String, String>> skipped = registry.problems().stream()
        .map(p -> Map.of("source", p.source().toString(), "reason", p.reason())).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plugins", plugins);
    out.put("skipped", skipped);
    System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
  }

  private static String kindName(PluginDescriptor d) {
    return d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private void printTable(PluginRegistry registry) {
    System.out.printf(Locale.ROOT, "%-22s %-9s %-20s %-4s %-26s %s%n", "id", "version", "kind", "spi", "capabilities", "source");
    for (PluginDescriptor d : registry.installed()) {
      System.out.printf(Locale.ROOT, "%-22s %-9s %-20s %-4d %-26s %s%n", d.id(), d.version(), kindName(d),
          d.spiVersion(), String.join(",", d.capabilities()), d.source());
      List<String> options = registry.parameters(d.id()).parameters().stream().map(Parameter::name).toList();
      if (!options.isEmpty()) {
        System.out.println("    options: " + String.join(", ", options) + " (./flep plugins --json for types and ranges)");
      }
      if (!d.securityNote().isBlank()) {
        System.out.println("    security: " + d.securityNote());
      }
    }
    for (PluginProblem problem : registry.problems()) {
      System.out.println("skipped " + problem.source() + ": " + problem.reason());
    }
    System.out.println(registry.installed().size() + " plugins installed, " + registry.problems().size()
        + " drop-in problems (folder " + pluginsDir.toAbsolutePath() + ")");
  }
}
