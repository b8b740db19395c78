package io.flep.engine.processing;

import java.util.Map;

/** What the BPMN runtime tells the processor while it works. */
interface RuntimeEvents {
  /** A process instance ended; {@code variables} are its root scope's, for create-with-result. */
  void processInstanceEnded(long processInstanceKey, boolean completed, Map<String, Object> variables);

  /** Jobs of this type may now be activated. */
  void jobsAvailable(String type);
}
