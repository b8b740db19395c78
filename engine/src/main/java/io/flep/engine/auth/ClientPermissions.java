package io.flep.engine.auth;

import java.util.List;
import java.util.Set;

/**
 * What an engine client may do: which gateway commands (the gRPC method names, e.g. {@code
 * CreateProcessInstance}, {@code ActivateJobs}; {@code *} for all) and which job types it may
 * activate, complete, fail or throw errors for (exact types, or prefixes ending in {@code *}).
 */
public record ClientPermissions(Set<String> commands, List<String> jobTypes) {
  public ClientPermissions {
    commands = Set.copyOf(commands);
    jobTypes = List.copyOf(jobTypes);
  }

  public static ClientPermissions all() {
    return new ClientPermissions(Set.of("*"), List.of("*"));
  }

  public boolean mayUse(String command) {
    return commands.contains("*") || commands.contains(command);
  }

  public boolean mayHandleJobType(String type) {
    for (String pattern : jobTypes) {
      if (pattern.endsWith("*")
          ? type.startsWith(pattern.substring(0, pattern.length() - 1))
          : type.equals(pattern)) {
        return true;
      }
    }
    return false;
  }
}
