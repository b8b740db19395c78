package io.flep.workers.task;

/**
 * The plugins a task uses when neither the run (process variable) nor the model (task header) names one. The
 * lifecycle model's headers name the same ones; the command line validates run options against them.
 */
public final class PluginDefaults {
  /** The data cipher of {@code Encrypt data}. */
  public static final String DATA_CIPHER = "aes-gcm";
  /** The homomorphic scheme of {@code Issue HE key pair}. */
  public static final String HE_SCHEME = "paillier";

  private PluginDefaults() {}
}
