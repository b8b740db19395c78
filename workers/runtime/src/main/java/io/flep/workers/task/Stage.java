package io.flep.workers.task;

/** The lifecycle stages named in the run report, in lifecycle order. */
public enum Stage {
  GENERATE("generate"),
  STORE("store"),
  ENCRYPT("encrypt"),
  SHARE_KEYS("share-keys"),
  ANALYZE("analyze"),
  SECURE_MODEL("secure-model"),
  AGGREGATE("aggregate"),
  SERVE("serve");

  private final String reportName;

  Stage(String reportName) {
    this.reportName = reportName;
  }

  public String reportName() {
    return reportName;
  }
}
