package io.flep.workers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.engine.auth.ClientPermissions;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every job type of the lifecycle model belongs to exactly one party, and each party gets only its own commands. */
class PartyEnginePermissionsTest {
  static final Map<String, String> PARTIES = new LinkedHashMap<>();

  static {
    PARTIES.put("data-owner", Roles.DATA_OWNER);
    PARTIES.put("iiot-services", Roles.IIOT);
    PARTIES.put("auditor", Roles.AUDITOR);
    PARTIES.put("flep-cloud", Roles.CLOUD);
    PARTIES.put("analyst-1", Roles.ANALYST);
    PARTIES.put("analyst-2", Roles.ANALYST);
    PARTIES.put("analyst-10", Roles.ANALYST);
  }

  @Test
  void everyJobTypeOfTheModelIsExactlyOnePartysOwn() {
    List<String[]> typesAndOwners = new ArrayList<>();
    for (JobTypes.JobType type : JobTypes.ALL) {
      if (type.role().equals(Roles.ANALYST)) {
        for (String analyst : List.of("analyst-1", "analyst-2", "analyst-10")) {
          typesAndOwners.add(new String[] {JobTypes.forAnalyst(analyst, type.type()), analyst});
        }
      } else {
        // the run bookkeeping ("any") is the coordinator's: the data owner's
        typesAndOwners.add(new String[] {type.type(), type.role().equals("any") ? "data-owner" : ownerOf(type.role())});
      }
    }
    for (String[] typeAndOwner : typesAndOwners) {
      List<String> handlers = PARTIES.keySet().stream()
          .filter(p -> PartyEnginePermissions.of(PARTIES.get(p), p).mayHandleJobType(typeAndOwner[0])).toList();
      assertThat(handlers).as("who may handle %s", typeAndOwner[0]).containsExactly(typeAndOwner[1]);
    }
  }

  @Test
  void onlyTheDataOwnerStartsRunsAndOnlyTheAdminDeploys() {
    PARTIES.forEach((party, role) -> {
      ClientPermissions permissions = PartyEnginePermissions.of(role, party);
      assertThat(permissions.mayUse("CreateProcessInstance")).as(party).isEqualTo(role.equals(Roles.DATA_OWNER));
      assertThat(permissions.mayUse("DeployResource")).as(party).isFalse();
      for (String none : List.of("CancelProcessInstance", "PublishMessage", "SetVariables", "ResolveIncident",
          "UpdateJobRetries", "Search", "Topology", "EvaluateDecision", "DeleteResource")) {
        assertThat(permissions.mayUse(none)).as("%s may use %s", party, none).isFalse();
      }
      assertThat(permissions.commands()).containsAll(PartyEnginePermissions.JOB_WORKER);
    });
    ClientPermissions admin = PartyEnginePermissions.admin();
    assertThat(admin.commands()).containsExactly("DeployResource");
    assertThat(admin.jobTypes()).isEmpty();
  }

  @Test
  void anAnalystsPrefixEndsAtItsId() {
    ClientPermissions one = PartyEnginePermissions.of(Roles.ANALYST, "analyst-1");
    assertThat(one.jobTypes()).containsExactly("flep.analyst.analyst-1.*");
    assertThat(one.mayHandleJobType("flep.analyst.analyst-10.train")).isFalse();
    assertThat(one.mayHandleJobType(JobTypes.TRAIN)).as("the template is nobody's").isFalse();
    assertThatThrownBy(() -> PartyEnginePermissions.of(Roles.ANALYST, "a.b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("analyst id");
    assertThatThrownBy(() -> PartyEnginePermissions.of("operator", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown role 'operator'");
  }

  @Test
  void aPartyCannotBeCalledLikeTheAdminAndSecretsAreFreshPerFederation() {
    assertThatThrownBy(() -> FederationEngineClients.issue(Map.of(PartyEnginePermissions.ADMIN, Roles.CLOUD)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("federation admin");
    FederationEngineClients first = FederationEngineClients.issue(PARTIES);
    FederationEngineClients second = FederationEngineClients.issue(PARTIES);
    assertThat(first.secretOf("analyst-1")).hasSizeGreaterThanOrEqualTo(43)
        .isNotEqualTo(second.secretOf("analyst-1")).isNotEqualTo(first.secretOf("analyst-2"));
    assertThat(first.toString()).doesNotContain(first.secretOf("analyst-1"));
    assertThatThrownBy(() -> first.secretOf("mallory")).hasMessageContaining("no engine client 'mallory'");
  }

  private static String ownerOf(String role) {
    return PARTIES.entrySet().stream().filter(e -> e.getValue().equals(role)).map(Map.Entry::getKey).findFirst()
        .orElseThrow();
  }
}
