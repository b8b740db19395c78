package io.flep.workers.config;

import java.util.List;

/** The roles a party can have; a role is also the first segment of its job types ({@code flep.<role>.<task>}). */
public final class Roles {
  public static final String DATA_OWNER = "data-owner";
  public static final String ANALYST = "analyst";
  public static final String CLOUD = "cloud";
  public static final String IIOT = "iiot";
  public static final String AUDITOR = "auditor";
  public static final List<String> ALL = List.of(DATA_OWNER, ANALYST, CLOUD, IIOT, AUDITOR);

  private Roles() {}
}
