package io.flep.workers.config;

/** Names of the parties that own rows in the private database. Analysts and the cloud use their own ids. */
public final class Parties {
  public static final String DATA_OWNER = "data-owner";
  public static final String IIOT_SERVICES = "iiot-services";
  /** Holds a share of a threshold HE key and nothing else; decrypts only together with another share holder. */
  public static final String AUDITOR = "auditor";

  private Parties() {}
}
