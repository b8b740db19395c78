package io.flep.workers.model;

/**
 * What every party needs to know of the federated model without running it: its architecture id, its parameter
 * count and the seeded initial parameters all analysts start from. Implemented by the learning module's model, so
 * that parties that only move parameters (the AI cloud) need no machine-learning library.
 */
public interface ModelArchitecture {

  /** Names the layer layout; stored with every encoded model ({@link ModelCodec}). */
  String architectureId();

  /** Number of trainable float32 parameters. */
  int parameterCount();

  /** The initial parameters for {@code seed}: the same on every party for the same seed. */
  float[] initialParams(long seed);
}
