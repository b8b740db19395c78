package io.flep.workers.run;

import java.util.Optional;

/**
 * Tells whether a process instance is stuck on an incident, and why. The embedded engine answers from its
 * record stream; against a cluster, Operate shows incidents and the stage records in the database say which
 * task failed.
 */
public interface IncidentSource {
  /** The first open incident of the instance as "element: message", if any. */
  Optional<String> openIncident(long processInstanceKey);
}
