package io.flep.workers.party;

/** The kinds of object the lifecycle publishes to the exchange, and who may produce each. */
public final class ExchangeKinds {
  /** The run's policy, signed by the data owner ({@code io.flep.workers.policy.RunPolicy}). */
  public static final String RUN_POLICY = "run-policy";
  /** A data owner's ciphertexts of one analyst's shard. */
  public static final String ENCRYPTED_SHARD = "encrypted-shard";
  /** One analyst's data key and shard labels, sealed to that analyst. */
  public static final String DATA_KEY_ENVELOPE = "data-key-envelope";
  /** The run's homomorphic public key with its aggregation policy (attributes). */
  public static final String HE_PUBLIC_KEY = "he-public-key";
  /** The homomorphic secret key, sealed to the trusted cloud (trusted path only). */
  public static final String HE_SECRET_KEY = "he-secret-key";
  /** One share of a threshold homomorphic key, sealed to its holder. */
  public static final String HE_KEY_SHARE = "he-key-share";
  /** An analyst's encrypted, signed model update of one round. */
  public static final String ENCRYPTED_UPDATE = "encrypted-update";
  /** The untrusted cloud's homomorphic sum of a round's updates. */
  public static final String ENCRYPTED_AGGREGATE = "encrypted-aggregate";
  /** A share holder's partial decryption of a round's aggregate. */
  public static final String PARTIAL_DECRYPTION = "partial-decryption";
  /** A round's global model. */
  public static final String GLOBAL_MODEL = "global-model";

  /** The data owner's held-out test set, sealed to the IIoT services (who evaluate the global model on it). */
  public static final String SEALED_TEST_SET = "sealed-test-set";
  /** The HPKE purpose of a {@link #SEALED_TEST_SET}. */
  public static final String TEST_SET_PURPOSE = "test-set";
  /** The HPKE purpose of what a {@link #DATA_KEY_ENVELOPE} seals. */
  public static final String DATA_KEY_PURPOSE = "data-key";

  private ExchangeKinds() {}
}
