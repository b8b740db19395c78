package io.flep.he.paillier;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The public part of a robust threshold Paillier key ({@link ThresholdPaillier}): n, t, ℓ, the generator v of the
 * squares QR<sub>n²</sub> and the verification keys v<sub>i</sub> = v<sup>Δs<sub>i</sub></sup>. Partial decryption,
 * its zero-knowledge proof, verification and combination, after V. Shoup, "Practical Threshold Signatures"
 * (EUROCRYPT 2000), §4, and I. Damgård and M. Jurik, PKC 2001, §5 (s = 1).
 *
 * <p><b>Partial decryption</b> of c by holder i: c<sub>i</sub> = c<sup>2Δs<sub>i</sub></sup> mod n².
 *
 * <p><b>Proof</b> (Fiat–Shamir, equality of discrete logarithms): that log<sub>c<sup>4</sup></sub>(c<sub>i</sub>²) =
 * log<sub>v</sub>(v<sub>i</sub>) (= Δs<sub>i</sub>). With r uniform in [0, 2<sup>R</sup>), R = bits(n²) + bits(Δ) + 256
 * + 128: a = (c<sup>4</sup>)<sup>r</sup>, b = v<sup>r</sup>, e = H(…, a, b) (256 bits), z = r + e·Δs<sub>i</sub>. The
 * verifier recomputes a = (c<sup>4</sup>)<sup>z</sup>(c<sub>i</sub>²)<sup>−e</sup>, b = v<sup>z</sup>v<sub>i</sub><sup>−e</sup>
 * and checks e. z hides Δs<sub>i</sub> statistically (distance ≤ 2<sup>−128</sup>). Squaring c<sub>i</sub> (and
 * combining with c<sub>i</sub><sup>2μ</sup>) removes the elements of order 2, which the proof cannot control and
 * which then cannot matter.
 *
 * <p><b>Packed ciphertexts: one batched proof.</b> A packed ciphertext holds k Paillier ciphertexts c<sub>1..k</sub>
 * (1,516 for 100,000 values at 2048 bits), and holder i sends k partial decryptions. Instead of k proofs (2k
 * exponentiations with ~4,500-bit exponents to prove, 4k to verify, tripling the cost of partial decryption), the
 * holder proves the single statement for C = ∏ c<sub>j</sub><sup>ρ<sub>j</sub></sup> and D = ∏
 * c<sub>i,j</sub><sup>ρ<sub>j</sub></sup>, with 128-bit coefficients ρ<sub>j</sub> derived by hashing the key, the
 * ciphertext, the index and every partial decryption (the small-exponent batch test of Bellare, Garay and Rabin,
 * EUROCRYPT 1998). Sound: write c<sub>i,j</sub>² = (c<sub>j</sub><sup>4</sup>)<sup>Δs<sub>i</sub></sup>·ε<sub>j</sub>
 * with ε<sub>j</sub> ∈ QR<sub>n²</sub>; then D² = (C<sup>4</sup>)<sup>Δs<sub>i</sub></sup>·∏ε<sub>j</sub><sup>ρ<sub>j</sub></sup>,
 * so an accepted proof for wrong partials needs ∏ε<sub>j</sub><sup>ρ<sub>j</sub></sup> = 1 with some ε<sub>k</sub> ≠ 1.
 * QR<sub>n²</sub> has order n·p'q', whose prime factors are all about 2<sup>bits(n)/2</sup> &gt; 2<sup>128</sup> (that
 * is what safe primes buy), so ε<sub>k</sub> has order &gt; 2<sup>128</sup>, and for any fixed other ρ at most one of the
 * 2<sup>128</sup> values of ρ<sub>k</sub> cancels: probability ≤ 2<sup>−128</sup> per try, the ρ being a random oracle's
 * output on the partial decryptions already chosen. The cost: one or two products ∏ x<sub>j</sub><sup>ρ<sub>j</sub></sup>
 * ({@link MultiExponentiation}, each about as costly as 7 full exponentiations for k = 1,516) and three (to prove) or
 * four (to verify) full exponentiations, against k for the partial decryption itself.
 *
 * <p><b>Transcript</b> (H = SHA-256; enc(x) = x as exactly W = ⌈bits(n²)/8⌉ big-endian bytes; int32 big-endian):
 * <pre>
 * keyDigest = H("FLEP threshold-paillier key v1" | int32 W | enc(n) | int32 t | int32 ℓ | enc(v) | enc(v_1) … enc(v_ℓ))
 * seed      = H("FLEP threshold-paillier batch v1" | keyDigest | ciphertextDigest | int32 i | int32 k
 *               | enc(c_1) … enc(c_k) | enc(c_i,1) … enc(c_i,k))
 * ρ_j       = first 16 bytes of H(seed | int32 (j − 1)), unsigned             (j = 1..k)
 * e         = H("FLEP threshold-paillier proof v1" | keyDigest | seed | int32 i
 *               | enc(C^4) | enc(D^2) | enc(v) | enc(v_i) | enc(a) | enc(b)), unsigned
 * </pre>
 * ciphertextDigest is the SHA-256 of the serialised packed ciphertext (its header included).
 *
 * <p>Soundness needs an honest dealer (n a product of safe primes, v a generator of QR<sub>n²</sub>) and holds in the
 * random-oracle model without further assumptions; the secrecy of shares and updates rests on the decisional
 * composite residuosity assumption, as for Paillier itself (Damgård–Jurik, Theorem 4). Immutable, thread-safe.
 */
final class ThresholdPublicKey {
  static final int CHALLENGE_BITS = 256;
  static final int BATCH_BITS = 128;
  static final int STATISTICAL_BITS = 128;
  private static final byte[] KEY_DOMAIN = "FLEP threshold-paillier key v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BATCH_DOMAIN = "FLEP threshold-paillier batch v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PROOF_DOMAIN = "FLEP threshold-paillier proof v1".getBytes(StandardCharsets.US_ASCII);

  private final PaillierPublicKey key;
  private final int threshold;
  private final int shareholders;
  private final BigInteger delta;
  private final BigInteger v;
  private final List<BigInteger> verificationKeys;
  private final int width;
  private final byte[] digest;
  private final Montgomery montgomery;

  /**
   * @throws IllegalArgumentException if t, ℓ are out of range, there is not one verification key per holder, or v
   *     or a verification key is not a unit modulo n²
   */
  ThresholdPublicKey(PaillierPublicKey key, int threshold, int shareholders, BigInteger v,
      List<BigInteger> verificationKeys) {
    this.key = Objects.requireNonNull(key, "key");
    ThresholdPaillier.checkParameters(threshold, shareholders);
    if (verificationKeys.size() != shareholders) {
      throw new IllegalArgumentException(verificationKeys.size() + " verification keys for " + shareholders
          + " share holders");
    }
    if (!key.isValidCiphertext(v) || v.equals(BigInteger.ONE)) {
      throw new IllegalArgumentException("the generator v must be a unit modulo n^2 other than 1");
    }
    for (int i = 0; i < shareholders; i++) {
      if (!key.isValidCiphertext(verificationKeys.get(i))) {
        throw new IllegalArgumentException("verification key " + (i + 1) + " is not a unit modulo n^2");
      }
    }
    this.threshold = threshold;
    this.shareholders = shareholders;
    this.delta = ThresholdPaillier.delta(shareholders);
    this.v = v;
    this.verificationKeys = List.copyOf(verificationKeys);
    this.width = key.ciphertextBytes();
    Transcript t = new Transcript(KEY_DOMAIN).int32(width).element(key.n()).int32(threshold).int32(shareholders)
        .element(v);
    this.verificationKeys.forEach(t::element);
    this.digest = t.digest();
    this.montgomery = new Montgomery(key.nSquared());
  }

  PaillierPublicKey paillier() {
    return key;
  }

  int threshold() {
    return threshold;
  }

  int shareholders() {
    return shareholders;
  }

  BigInteger delta() {
    return delta;
  }

  BigInteger v() {
    return v;
  }

  List<BigInteger> verificationKeys() {
    return verificationKeys;
  }

  /** v<sub>i</sub>, for i in [1, ℓ]. */
  BigInteger verificationKey(int index) {
    return verificationKeys.get(index - 1);
  }

  /** SHA-256 binding n, t, ℓ, v and every verification key; the proofs hash it. */
  byte[] digest() {
    return digest.clone();
  }

  /** Bits of the prover's randomness r. */
  int randomBits() {
    return key.nSquared().bitLength() + delta.bitLength() + CHALLENGE_BITS + STATISTICAL_BITS;
  }

  /** Whether the share is the one behind its holder's verification key: v<sup>Δs<sub>i</sub></sup> = v<sub>i</sub>. */
  boolean matches(ThresholdPaillier.Share share) {
    return share.index() <= shareholders
        && v.modPow(delta.multiply(share.value()), key.nSquared()).equals(verificationKey(share.index()));
  }

  /** c<sup>2Δs<sub>i</sub></sup> mod n², unblinded, with {@link BigInteger#modPow} (the reference, for tests). */
  BigInteger partialDecrypt(ThresholdPaillier.Share share, BigInteger c) {
    return c.modPow(delta.multiply(share.value()).shiftLeft(1), key.nSquared());
  }

  /**
   * The holder's exponent Δs<sub>i</sub>, recoded once for many bases modulo n² ({@link FixedExponentPower}, faster
   * than {@code modPow} from 4096-bit n² on): as secret as the share.
   */
  FixedExponentPower shareExponent(ThresholdPaillier.Share share) {
    return new FixedExponentPower(delta.multiply(share.value()), montgomery, 0);
  }

  /**
   * c<sup>2Δs<sub>i</sub></sup> mod n², computed as ((c·ρ)<sup>Δs<sub>i</sub></sup>)²·σ in Montgomery form with the
   * blinding pair of {@link Blinding}, which is then squared for the next use.
   *
   * @param shareExponent {@link #shareExponent} of the share that {@code blinding} was made for
   * @param c a ciphertext in [0, n²)
   */
  BigInteger partialDecrypt(FixedExponentPower shareExponent, BigInteger c, Blinding blinding) {
    long[] t = blinding.scratch;
    int[] x = montgomery.toMontgomery(c);
    montgomery.multiply(x, 0, blinding.rho, 0, x, 0, t);
    int[] y = shareExponent.pow(x, t);
    montgomery.multiply(y, 0, y, 0, y, 0, t);
    montgomery.multiply(y, 0, blinding.sigma, 0, y, 0, t);
    blinding.next();
    return montgomery.fromMontgomery(y, t);
  }

  /**
   * A share holder's secret base blinding: ρ = v<sup>k</sup> for a fresh uniform k of
   * {@value PaillierPrivateKey#BLINDING_EXPONENT_BITS} bits (2<sup>128</sup> equally likely pairs) and σ =
   * v<sub>i</sub><sup>−2k</sup>. Since v<sub>i</sub> = v<sup>Δs<sub>i</sub></sup>, ρ<sup>2Δs<sub>i</sub></sup> =
   * v<sub>i</sub><sup>2k</sup>, so (c·ρ)<sup>2Δs<sub>i</sub></sup>·σ = c<sup>2Δs<sub>i</sub></sup>: the
   * exponentiation with the secret share runs on a base the sender of c cannot choose or predict, and the public
   * verification key strips the blinding at the cost of one multiplication. Squaring both (ρ², σ²) gives the pair for
   * 2k, so a pair serves many ciphertexts (Kocher's update). It relies on v<sub>i</sub> matching the share, which
   * {@link #matches} checks when a holder's key is opened. Held in Montgomery form, with the scratch of the thread
   * that uses it: not thread-safe, one per thread.
   */
  final class Blinding {
    private final int[] rho;
    private final int[] sigma;
    private final long[] scratch = montgomery.scratch();

    Blinding(int index, SecureRandom random) {
      BigInteger n2 = key.nSquared();
      BigInteger k = new BigInteger(PaillierPrivateKey.BLINDING_EXPONENT_BITS, random);
      rho = montgomery.toMontgomery(v.modPow(k, n2));
      sigma = montgomery.toMontgomery(verificationKey(index).modPow(k.shiftLeft(1), n2).modInverse(n2));
    }

    void next() {
      montgomery.multiply(rho, 0, rho, 0, rho, 0, scratch);
      montgomery.multiply(sigma, 0, sigma, 0, sigma, 0, scratch);
    }
  }

  /** A non-interactive proof (e, z) that a holder's partial decryptions were made with its share. */
  record Proof(BigInteger e, BigInteger z) {
    Proof {
      Objects.requireNonNull(e, "e");
      Objects.requireNonNull(z, "z");
    }
  }

  /** Holder {@code share}'s proof for its partial decryptions of {@code ciphertexts}, with fresh randomness. */
  Proof prove(ThresholdPaillier.Share share, byte[] ciphertextDigest, BigInteger[] ciphertexts, BigInteger[] partials,
      SecureRandom random) {
    return prove(share, ciphertextDigest, ciphertexts, partials, new BigInteger(randomBits(), random));
  }

  /** The same with a given r in [0, 2<sup>{@link #randomBits()}</sup>), for known-answer tests. */
  Proof prove(ThresholdPaillier.Share share, byte[] ciphertextDigest, BigInteger[] ciphertexts, BigInteger[] partials,
      BigInteger r) {
    if (r.signum() < 0 || r.bitLength() > randomBits()) {
      throw new IllegalArgumentException("r must be in [0, 2^" + randomBits() + ")");
    }
    BigInteger n2 = key.nSquared();
    byte[] seed = batchSeed(share.index(), ciphertextDigest, ciphertexts, partials);
    BigInteger[] rho = batchCoefficients(seed, ciphertexts.length);
    BigInteger u = MultiExponentiation.product(ciphertexts, rho, n2).modPow(BigInteger.valueOf(4), n2);
    // for honest partials ∏ c_i,j^ρ_j = C^(2Δs_i), so u_i = D² = u^(Δs_i): one exponentiation instead of k short ones;
    // blinded like the partial decryptions: (u·v^k)^(Δs_i)·v_i^(−k) = u^(Δs_i)
    SecureRandom blinding = new SecureRandom();
    BigInteger k = new BigInteger(key.bits(), blinding);
    BigInteger ui = u.multiply(v.modPow(k, n2)).mod(n2).modPow(delta.multiply(share.value()), n2)
        .multiply(verificationKey(share.index()).modPow(k, n2).modInverse(n2)).mod(n2);
    BigInteger a = u.modPow(r, n2);
    BigInteger b = v.modPow(r, n2);
    BigInteger e = challenge(seed, share.index(), u, ui, a, b);
    return new Proof(e, r.add(e.multiply(delta).multiply(share.value())));
  }

  /**
   * Whether {@code proof} shows that {@code partials} are holder {@code index}'s partial decryptions of
   * {@code ciphertexts} with the share behind its verification key. Every partial must be a unit modulo n².
   */
  boolean verify(int index, byte[] ciphertextDigest, BigInteger[] ciphertexts, BigInteger[] partials, Proof proof) {
    if (index < 1 || index > shareholders || ciphertexts.length != partials.length || ciphertexts.length == 0
        || proof.e().signum() < 0 || proof.e().bitLength() > CHALLENGE_BITS
        || proof.z().signum() < 0 || proof.z().bitLength() > randomBits() + 1) {
      return false;
    }
    BigInteger n2 = key.nSquared();
    byte[] seed = batchSeed(index, ciphertextDigest, ciphertexts, partials);
    BigInteger[] rho = batchCoefficients(seed, ciphertexts.length);
    BigInteger u = MultiExponentiation.product(ciphertexts, rho, n2).modPow(BigInteger.valueOf(4), n2);
    BigInteger ui = MultiExponentiation.product(partials, rho, n2).modPow(BigInteger.TWO, n2);
    BigInteger vi = verificationKey(index);
    try {
      BigInteger a = u.modPow(proof.z(), n2).multiply(ui.modInverse(n2).modPow(proof.e(), n2)).mod(n2);
      BigInteger b = v.modPow(proof.z(), n2).multiply(vi.modInverse(n2).modPow(proof.e(), n2)).mod(n2);
      return challenge(seed, index, u, ui, a, b).equals(proof.e());
    } catch (ArithmeticException notAUnit) {
      return false;
    }
  }

  /**
   * Combines the partial decryptions of one Paillier ciphertext by the holders {@code indices} (the first
   * {@code threshold} are used): c' = ∏ c<sub>i</sub><sup>2μ<sub>i</sub></sup> = c<sup>4Δ²d</sup> = 1 + 4Δ²m·n mod n²
   * with μ<sub>i</sub> = Δ·λ<sub>0,i</sub>, so m = L(c')·(4Δ²)<sup>−1</sup> mod n.
   */
  BigInteger combine(int[] indices, BigInteger[] partials) {
    BigInteger n = key.n();
    BigInteger n2 = key.nSquared();
    BigInteger product = BigInteger.ONE;
    for (int a = 0; a < threshold; a++) {
      BigInteger mu = ThresholdPaillier.lagrangeTimesDelta(indices, threshold, a, delta);
      BigInteger term = partials[a].modPow(mu.abs().shiftLeft(1), n2);
      if (mu.signum() < 0) {
        term = term.modInverse(n2);
      }
      product = product.multiply(term).mod(n2);
    }
    BigInteger l = product.subtract(BigInteger.ONE).divide(n);
    BigInteger fourDeltaSquared = delta.multiply(delta).shiftLeft(2);
    return l.multiply(fourDeltaSquared.modInverse(n)).mod(n);
  }

  byte[] batchSeed(int index, byte[] ciphertextDigest, BigInteger[] ciphertexts, BigInteger[] partials) {
    Transcript t = new Transcript(BATCH_DOMAIN).bytes(digest).bytes(ciphertextDigest).int32(index)
        .int32(ciphertexts.length);
    for (BigInteger c : ciphertexts) {
      t.element(c);
    }
    for (BigInteger p : partials) {
      t.element(p);
    }
    return t.digest();
  }

  static BigInteger[] batchCoefficients(byte[] seed, int count) {
    BigInteger[] rho = new BigInteger[count];
    for (int j = 0; j < count; j++) {
      byte[] h = sha256(seed, ByteBuffer.allocate(4).putInt(j).array());
      rho[j] = new BigInteger(1, Arrays.copyOf(h, BATCH_BITS / 8));
    }
    return rho;
  }

  BigInteger challenge(byte[] seed, int index, BigInteger u, BigInteger ui, BigInteger a, BigInteger b) {
    return new BigInteger(1, new Transcript(PROOF_DOMAIN).bytes(digest).bytes(seed).int32(index)
        .element(u).element(ui).element(v).element(verificationKey(index)).element(a).element(b).digest());
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        md.update(p);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** The hash input, fed straight to SHA-256, with elements of Z<sub>n²</sub> in exactly W bytes. */
  private final class Transcript {
    private final MessageDigest md;

    Transcript(byte[] domain) {
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
      md.update(domain);
    }

    Transcript bytes(byte[] b) {
      md.update(b);
      return this;
    }

    Transcript int32(int x) {
      md.update(ByteBuffer.allocate(4).putInt(x).array());
      return this;
    }

    Transcript element(BigInteger x) {
      md.update(WireReader.fixedWidth(x, width));
      return this;
    }

    byte[] digest() {
      return md.digest();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThresholdPublicKey other && Arrays.equals(digest, other.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return "ThresholdPublicKey[" + threshold + "-of-" + shareholders + ", " + key + "]";
  }
}
