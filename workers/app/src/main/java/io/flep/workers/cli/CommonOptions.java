package io.flep.workers.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that starts the workers process shares. */
final class CommonOptions {
  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where the embedded database, key-encryption key, logs and served models live (default: .flep).")
  Path dataDir;

  @Option(names = "--plugins-dir", paramLabel = "DIR", description = "Folder of drop-in plugin JARs (default: plugins).")
  Path pluginsDir;

  @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
      description = "Any setting, e.g. -P flep.engine=remote -P camunda.client.grpc-address=http://host:26500.")
  Map<String, String> properties = new LinkedHashMap<>();

  /** The drop-in folder these options select: --plugins-dir, else -P flep.plugins-dir, else {@code plugins}. */
  Path pluginsDir() {
    if (pluginsDir != null) {
      return pluginsDir;
    }
    return Path.of(properties.getOrDefault("flep.plugins-dir", "plugins"));
  }

  Map<String, Object> toSpringProperties() {
    Map<String, Object> map = new LinkedHashMap<>(properties);
    if (dataDir != null) {
      map.put("flep.data-dir", dataDir.toString());
    }
    if (pluginsDir != null) {
      map.put("flep.plugins-dir", pluginsDir.toString());
    }
    return map;
  }
}
