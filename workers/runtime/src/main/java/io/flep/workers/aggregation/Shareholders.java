package io.flep.workers.aggregation;

import io.flep.workers.config.Parties;
import io.flep.workers.failure.BadInputException;
import java.util.List;

/**
 * Who holds the shares of a threshold HE key: the IIoT services, the auditor and the AI cloud, in this order
 * (share i goes to {@code ROLES.get(i - 1)}). The role names route the BPMN's partial-decryption jobs
 * ({@code flep.<role>.partial-decrypt}); the party names own the share keys in the vault.
 */
public final class Shareholders {
  public static final List<String> ROLES = List.of("iiot", "auditor", "cloud");

  private Shareholders() {}

  /** The party acting for a share-holder role; {@code cloud} is the run policy's cloud. */
  public static String party(String role, String cloud) {
    return switch (role) {
      case "iiot" -> Parties.IIOT_SERVICES;
      case "auditor" -> Parties.AUDITOR;
      case "cloud" -> cloud;
      default -> throw new BadInputException("unknown share-holder role '" + role + "' (known: " + ROLES + ")");
    };
  }
}
