package io.flep.exchange.seal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a sealed secret is bound to: the run, the key it carries, its purpose and its recipient. It is the HPKE
 * {@code info} and the AEAD associated data, so an envelope opened under any other run, key id, purpose or recipient
 * fails authentication instead of yielding the secret.
 */
public record SealContext(UUID runId, String keyId, String purpose, String recipient) {
  private static final String DOMAIN = "flep-seal-v1";

  public SealContext {
    if (runId == null || keyId == null || purpose == null || recipient == null) {
      throw new IllegalArgumentException("a seal context names run, key id, purpose and recipient");
    }
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    for (String field : new String[] {DOMAIN, runId.toString(), keyId, purpose, recipient}) {
      byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
      out.write(bytes.length >>> 8);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
