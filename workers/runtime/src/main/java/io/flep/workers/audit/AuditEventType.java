package io.flep.workers.audit;

/** What a party's audit entry records. The names are part of the hashed entry: never rename one. */
public enum AuditEventType {
  /** A key was stored in the party's vault (its identity keys, a data key, an HE key pair, a share). */
  KEY_ISSUED,
  /** A secret was sealed (HPKE) to another party. */
  KEY_SEALED,
  /** A secret was unwrapped from the party's vault, or a box sealed to the party was opened. */
  KEY_UNSEALED,
  /** An analyst committed to the one encrypted update it signs for a key and round. */
  CONTRIBUTION_SIGNED,
  /** The party claimed a round's aggregate for its decryption (whole, or partial with a threshold share). */
  DECRYPTION,
  /** The party verified an access or aggregation policy and found it satisfied. */
  POLICY_VERIFIED,
  /** The party refused something: an object that does not verify, a key it may not use, an aggregation. */
  REFUSED
}
