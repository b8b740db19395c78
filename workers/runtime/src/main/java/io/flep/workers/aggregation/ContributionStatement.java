package io.flep.workers.aggregation;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * What an analyst signs for one encrypted update: the run, the round, its own id, the homomorphic key and the
 * SHA-256 of the update bytes, length-prefixed under a domain label. Binding the round stops replay into a later
 * round; binding the digest stops any change to the ciphertext; binding the key stops reuse under another run's
 * key.
 */
record ContributionStatement(UUID runId, int round, String analyst, UUID heKeyId, String updateSha256) {
  private static final String DOMAIN = "flep-contribution-v1";

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    field(out, DOMAIN.getBytes(StandardCharsets.UTF_8));
    field(out, runId.toString().getBytes(StandardCharsets.US_ASCII));
    field(out, Integer.toString(round).getBytes(StandardCharsets.US_ASCII));
    field(out, analyst.getBytes(StandardCharsets.UTF_8));
    field(out, heKeyId.toString().getBytes(StandardCharsets.US_ASCII));
    field(out, HexFormat.of().parseHex(updateSha256));
    return out.toByteArray();
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
  }
}
