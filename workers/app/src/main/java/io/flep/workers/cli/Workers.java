package io.flep.workers.cli;

import io.flep.workers.FlepApplication;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the workers process (database, engine when embedded, job workers) for a command. */
final class Workers {
  private Workers() {}

  /** As command-line arguments, so they take precedence over application.yaml. */
  private static String[] asArguments(Map<String, Object> properties) {
    return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  static ConfigurableApplicationContext start(Map<String, Object> properties, boolean web) {
    Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
    all.put("spring.main.web-application-type", web ? "servlet" : "none");
    return new SpringApplicationBuilder(FlepApplication.class)
        .logStartupInfo(false)
        .registerShutdownHook(true)
        .run(asArguments(all));
  }
}
