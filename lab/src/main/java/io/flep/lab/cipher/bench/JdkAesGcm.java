package io.flep.lab.cipher.bench;

import io.flep.plugin.api.aead.Aead;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Benchmark reference only, not a plugin: the JDK provider's AES-256-GCM ({@code javax.crypto}, which uses the
 * CPU's AES and carry-less-multiply instructions), random key, random 96-bit nonce per call, output
 * {@code nonce || ciphertext || tag}. The speed figures of the issue are quoted against it; the {@code aes-gcm}
 * plugin uses Bouncy Castle's pure-Java GCM and is markedly slower.
 */
public final class JdkAesGcm implements Aead {
  private static final int NONCE_BYTES = 12;
  private final SecretKey key;
  private final SecureRandom random = new SecureRandom();

  public JdkAesGcm() {
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    key = new SecretKeySpec(raw, "AES");
    Arrays.fill(raw, (byte) 0);
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
    if (associatedData != null) {
      c.updateAAD(associatedData);
    }
    byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + c.getOutputSize(plaintext.length));
    c.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
    return out;
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    if (ciphertext.length < NONCE_BYTES + 16) {
      throw new GeneralSecurityException("ciphertext too short: " + ciphertext.length + " bytes");
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, ciphertext, 0, NONCE_BYTES));
    if (associatedData != null) {
      c.updateAAD(associatedData);
    }
    return c.doFinal(ciphertext, NONCE_BYTES, ciphertext.length - NONCE_BYTES);
  }
}
