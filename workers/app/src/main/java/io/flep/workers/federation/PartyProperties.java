package io.flep.workers.federation;

import io.flep.workers.config.Roles;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings that make a FLEP process one party: its identity, data directory, engine and exchange. */
public final class PartyProperties {
  private PartyProperties() {}

  /**
   * @param common settings every party gets (plugins directory, training, cloud attributes, ...), overridden here
   */
  public static Map<String, Object> of(PartySpec party, String exchange, String grpcAddress, String restAddress,
      boolean evaluation, Map<String, Object> common) {
    Map<String, Object> own = new LinkedHashMap<>(common);
    own.put("flep.data-dir", party.dataDir().toString());
    own.put("flep.party.role", party.role());
    own.put("flep.party.id", party.id());
    own.put("flep.federation.kit", party.kitDir().toString());
    for (String role : Roles.ALL) {
      own.put("flep.roles." + role, Boolean.toString(role.equals(party.role())));
    }
    if (Roles.CLOUD.equals(party.role())) {
      own.put("flep.cloud.id", party.id()); // the workers act as the cloud this process is
    }
    own.put("flep.exchange", exchange);
    own.put("flep.evaluation", Boolean.toString(evaluation));
    own.put("flep.engine", "remote");
    own.put("camunda.client.mode", "self-managed");
    own.put("camunda.client.grpc-address", grpcAddress);
    if (restAddress != null) {
      own.put("camunda.client.rest-address", restAddress);
    }
    own.put("camunda.client.prefer-rest-over-grpc", "false");
    own.putIfAbsent("camunda.client.auth.method", "none");
    own.put("spring.main.web-application-type", "none");
    own.put("spring.application.name", "flep-" + party.id());
    return own;
  }
}
