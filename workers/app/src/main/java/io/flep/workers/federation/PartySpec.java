package io.flep.workers.federation;

import io.flep.workers.config.Parties;
import io.flep.workers.config.Roles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One party of a federation: its role, its id and its own data directory. */
public record PartySpec(String role, String id, Path dataDir) {

  /** Where the party's startup kit is kept: {@code <data dir>/kit}. */
  public Path kitDir() {
    return dataDir.resolve("kit");
  }

  /** The parties of a run: the data owner, the IIoT services, the auditor, the cloud and each analyst. */
  public static List<PartySpec> forRun(Path root, String cloudId, List<String> analysts) {
    List<PartySpec> parties = new ArrayList<>();
    parties.add(of(root, Roles.DATA_OWNER, Parties.DATA_OWNER));
    parties.add(of(root, Roles.IIOT, Parties.IIOT_SERVICES));
    parties.add(of(root, Roles.AUDITOR, Parties.AUDITOR));
    parties.add(of(root, Roles.CLOUD, cloudId));
    analysts.forEach(a -> parties.add(of(root, Roles.ANALYST, a)));
    return parties;
  }

  private static PartySpec of(Path root, String role, String id) {
    return new PartySpec(role, id, root.resolve("parties").resolve(id));
  }
}
