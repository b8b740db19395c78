package io.flep.exchange.seal;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * A party's X25519 key-agreement key pair (RFC 7748), the key secrets are sealed to. The private key leaves this
 * object only through {@link #exportPrivateKey()}, for wrapping under the owner's key-encryption key.
 */
public final class AgreementKeyPair {
  private final X25519PrivateKeyParameters privateKey;
  private final X25519PublicKeyParameters publicKey;

  private AgreementKeyPair(X25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = privateKey.generatePublicKey();
  }

  public static AgreementKeyPair generate(SecureRandom random) {
    return new AgreementKeyPair(new X25519PrivateKeyParameters(random));
  }

  /** Restores a key pair from its 32-byte private key. */
  public static AgreementKeyPair fromPrivateKey(byte[] privateKey) {
    if (privateKey.length != X25519PrivateKeyParameters.KEY_SIZE) {
      throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + privateKey.length);
    }
    return new AgreementKeyPair(new X25519PrivateKeyParameters(privateKey, 0));
  }

  /** The 32-byte public key, safe to publish. */
  public byte[] publicKey() {
    return publicKey.getEncoded();
  }

  /** The 32-byte private key: the caller wraps it and wipes the copy. */
  public byte[] exportPrivateKey() {
    return privateKey.getEncoded();
  }

  AsymmetricCipherKeyPair asBouncyCastle() {
    return new AsymmetricCipherKeyPair(publicKey, privateKey);
  }

  @Override
  public String toString() {
    return "AgreementKeyPair[public " + Arrays.toString(Arrays.copyOf(publicKey(), 4)) + "...]";
  }
}
