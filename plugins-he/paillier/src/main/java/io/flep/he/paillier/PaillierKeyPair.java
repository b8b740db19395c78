package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * A Paillier key pair with g = n + 1, where n = p·q for two random primes of equal length (so
 * gcd(n, (p-1)(q-1)) = 1) and n has exactly the requested bit length, and h<sub>s</sub> for Damgård–Jurik–Nielsen
 * encryption ({@link PaillierPublicKey}).
 */
public record PaillierKeyPair(PaillierPublicKey publicKey, PaillierPrivateKey privateKey) {

  public PaillierKeyPair {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(privateKey, "privateKey");
    if (!privateKey.publicKey().equals(publicKey)) {
      throw new IllegalArgumentException("private key does not belong to the public key");
    }
  }

  /**
   * Generates a key pair. Size policy (minimum sizes) is the caller's job; this only needs an even bit length
   * of at least 64.
   */
  public static PaillierKeyPair generate(int bits, SecureRandom random) {
    if (bits < 64 || bits % 2 != 0) {
      throw new IllegalArgumentException("Paillier key size must be even and at least 64 bits, got " + bits);
    }
    while (true) {
      BigInteger p = BigInteger.probablePrime(bits / 2, random);
      BigInteger q = BigInteger.probablePrime(bits / 2, random);
      BigInteger n = p.multiply(q);
      if (p.equals(q) || n.bitLength() != bits
          || !n.gcd(p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE))).equals(BigInteger.ONE)) {
        continue;
      }
      PaillierPublicKey pub = PaillierPublicKey.withStandardGenerator(n, random);
      return new PaillierKeyPair(pub, new PaillierPrivateKey(pub, p, q));
    }
  }
}
