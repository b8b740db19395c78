package io.flep.workers.engine;

import io.flep.engine.auth.ClientPermissions;
import io.flep.workers.config.Roles;
import io.flep.workers.task.JobTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each party of a federation may do on FLEP's engine: exactly the gateway commands its own code sends, for
 * exactly its own job types. Every party runs job workers (the Camunda client's {@code @JobWorker}s: activation by
 * long polling, completion, failure with or without retries, BPMN errors of business rules); the data owner also
 * starts runs ({@code RunService}); nobody but the federation admin deploys models. Nobody may search, cancel,
 * publish messages, set variables, resolve incidents or change a job's retries: no party's code does.
 *
 * <p>Job types are {@code flep.<role>.<task>} ({@link JobTypes}), so a role's prefix is its own; analysts share a
 * role but not their jobs, so analyst {@code X} gets {@code flep.analyst.X.*} only. Several clouds share {@code
 * flep.cloud.*}: the model does not tell clouds apart by job type.
 */
public final class PartyEnginePermissions {
  /** The federation admin's client id. */
  public static final String ADMIN = "federation-admin";
  /** The commands of the Camunda client's job workers (streaming is off: {@code stream-enabled} is false). */
  public static final Set<String> JOB_WORKER = Set.of("ActivateJobs", "CompleteJob", "FailJob", "ThrowError");
  /** The command that starts a run. */
  public static final String START_RUN = "CreateProcessInstance";
  /** The command that deploys models. */
  public static final String DEPLOY = "DeployResource";

  private PartyEnginePermissions() {}

  /** The federation admin: deploys the lifecycle model and the trust decision, nothing else. */
  public static ClientPermissions admin() {
    return new ClientPermissions(Set.of(DEPLOY), List.of());
  }

  /**
   * What the party {@code partyId} in {@code role} may do.
   *
   * @throws IllegalArgumentException for an unknown role, or an analyst id that cannot be part of a job type
   */
  public static ClientPermissions of(String role, String partyId) {
    Set<String> commands = new HashSet<>(JOB_WORKER);
    if (Roles.DATA_OWNER.equals(role)) {
      commands.add(START_RUN);
    }
    return new ClientPermissions(commands, jobTypesOf(role, partyId));
  }

  /** The job types (exact, or prefixes ending in {@code *}) the party works on. */
  public static List<String> jobTypesOf(String role, String partyId) {
    return switch (role) {
      // the id is checked as the model uses it; the template's task is cut off to leave the party's prefix
      case Roles.ANALYST -> List.of(JobTypes.forAnalyst(partyId, JobTypes.TRAIN).replaceFirst("train$", "*"));
      // the end listener that records how a run ended is the coordinator's (RunFinishedWorker)
      case Roles.DATA_OWNER -> List.of("flep." + role + ".*", JobTypes.RUN_FINISHED);
      case Roles.IIOT, Roles.CLOUD, Roles.AUDITOR -> List.of("flep." + role + ".*");
      default -> throw new IllegalArgumentException("unknown role '" + role + "' (one of " + Roles.ALL + ")");
    };
  }
}
