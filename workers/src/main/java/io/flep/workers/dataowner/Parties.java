package io.flep.workers.dataowner;

/** Names of the parties that own rows in the private database. Analysts and the cloud use their own ids. */
public final class Parties {
  public static final String DATA_OWNER = "data-owner";
  public static final String IIOT_SERVICES = "iiot-services";

  private Parties() {}
}
