package io.flep.he.paillier;

import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicDecryption;
import io.flep.plugin.api.he.HomomorphicEncryption;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Paillier with {@link FixedPointPacker} packing. Vectors are packed into as few plaintexts as the key allows,
 * then encrypted (and decrypted) in parallel on the caller's fork-join pool (the common pool unless the caller runs
 * inside another). A key with h<sub>s</sub> encrypts the Damgård–Jurik–Nielsen way ({@link PaillierPublicKey}: a
 * fixed-base table, built once per key and process, instead of a full exponentiation per ciphertext); optionally,
 * {@link #prepareEncryptions} fills a {@link RandomnessPool} ahead of time (for example while the analyst trains),
 * which leaves one multiplication modulo n² per ciphertext online. Decryption blinds each ciphertext
 * ({@link PaillierPrivateKey}). A sum of
 * k contributions decrypts to within k·2<sup>-(fractionBits+1)</sup> per value of the sum of the clipped inputs.
 * Contributor headroom is checked before every add or scale, so slots can never wrap into each other.
 *
 * <p>Security: IND-CPA under the decisional composite residuosity assumption; ciphertexts are malleable, not
 * CCA-secure. Thread-safe.
 */
public final class PaillierScheme implements HomomorphicEncryption, HomomorphicDecryption {
  private final PaillierPublicKey publicKey;
  private final PaillierPrivateKey privateKey;
  private final FixedPointPacker packer;
  private final CiphertextParser parser;
  private final SecureRandom random;
  private final RandomnessPool pool;
  private final AtomicLong clipped = new AtomicLong();

  PaillierScheme(PaillierPublicKey publicKey, Optional<PaillierPrivateKey> privateKey, FixedPointPacker packer,
      SecureRandom random) {
    this.publicKey = publicKey;
    this.privateKey = privateKey.orElse(null);
    this.packer = packer;
    this.parser = new CiphertextParser(publicKey, packer);
    this.random = random;
    this.pool = new RandomnessPool(publicKey, random);
  }

  /** The packing layout of this key. */
  public FixedPointPacker packer() {
    return packer;
  }

  @Override
  public HeCiphertext encrypt(double[] values) {
    FixedPointPacker.Packed packed = packer.pack(values);
    BigInteger[] plaintexts = packed.plaintexts();
    if (publicKey.hs().isPresent() && plaintexts.length > 1) {
      publicKey.djnTable(); // build it (once per key and process) before the parallel work waits for it
    }
    BigInteger[] parts = IntStream.range(0, plaintexts.length).parallel()
        .mapToObj(i -> {
          BigInteger rn = pool.poll();
          return rn != null ? publicKey.encryptWithRandomizer(plaintexts[i], rn) : publicKey.encrypt(plaintexts[i], random);
        })
        .toArray(BigInteger[]::new);
    clipped.addAndGet(packed.clippedCount());
    return ciphertext(values.length, 1, parts);
  }

  /**
   * Precomputes randomizers for encrypting {@code values} more values (one per packed plaintext), on the randomness
   * pool's own executor; building a DJN key's table comes first. Optional: encryption is fast without it.
   */
  @Override
  public CompletableFuture<Void> prepareEncryptions(int values) {
    if (values < 0) {
      throw new IllegalArgumentException("values must be non-negative, got " + values);
    }
    return values == 0 ? CompletableFuture.completedFuture(null) : pool.fillAsync(packer.plaintextCount(values));
  }

  /** Randomizers precomputed and not yet used. */
  public int preparedRandomizers() {
    return pool.available();
  }

  /** Ciphertexts whose randomness was computed online because no precomputed randomizer was ready. */
  public long unpreparedEncryptions() {
    return pool.misses();
  }

  @Override
  public HeCiphertext add(HeCiphertext a, HeCiphertext b) {
    PaillierCiphertext x = own(a);
    PaillierCiphertext y = own(b);
    if (x.length() != y.length()) {
      throw new IllegalArgumentException(
          "cannot add encrypted vectors of different lengths: " + x.length() + " and " + y.length());
    }
    int total = x.contributors() + y.contributors();
    checkHeadroom(total, "adding");
    BigInteger[] p = x.parts();
    BigInteger[] q = y.parts();
    BigInteger[] sum = new BigInteger[p.length];
    for (int i = 0; i < p.length; i++) {
      sum[i] = publicKey.add(p[i], q[i]);
    }
    return ciphertext(x.length(), total, sum);
  }

  @Override
  public HeCiphertext multiplyByScalar(HeCiphertext c, long scalar) {
    PaillierCiphertext x = own(c);
    if (scalar < 1) {
      throw new IllegalArgumentException(
          "scalar must be at least 1, got " + scalar + "; the offset encoding cannot represent zero or negative weights");
    }
    long total = scalar > packer.maxContributors() ? Long.MAX_VALUE : x.contributors() * scalar;
    checkHeadroom(total, "scaling by " + scalar);
    BigInteger k = BigInteger.valueOf(scalar);
    BigInteger[] scaled = Arrays.stream(x.parts()).parallel().map(p -> publicKey.multiply(p, k)).toArray(BigInteger[]::new);
    return ciphertext(x.length(), (int) total, scaled);
  }

  @Override
  public double[] decrypt(HeCiphertext c) throws GeneralSecurityException {
    if (privateKey == null) {
      throw new GeneralSecurityException("paillier key " + publicKey.fingerprint()
          + " holds no secret key; only the key holder can decrypt");
    }
    PaillierCiphertext x;
    try {
      x = own(c);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
    BigInteger[] plaintexts = privateKey.decryptAll(x.parts(), random);
    return packer.unpack(plaintexts, x.length(), x.contributors());
  }

  @Override
  public HeCiphertext parse(byte[] bytes) throws GeneralSecurityException {
    return parser.parse(bytes);
  }

  @Override
  public int maxContributors() {
    return packer.maxContributors();
  }

  @Override
  public int keyBits() {
    return publicKey.bits();
  }

  @Override
  public String keyFingerprint() {
    return publicKey.fingerprint();
  }

  @Override
  public long clippedValueCount() {
    return clipped.get();
  }

  /** Whether this instance can decrypt. */
  public boolean hasSecretKey() {
    return privateKey != null;
  }

  private PaillierCiphertext ciphertext(int length, int contributors, BigInteger[] parts) {
    return new PaillierCiphertext(publicKey.fingerprintBytes(), length, contributors, packer.slotsPerPlaintext(),
        parts, publicKey.ciphertextBytes());
  }

  /** The ciphertext as this key's, or an IllegalArgumentException naming why not. */
  PaillierCiphertext own(HeCiphertext c) {
    Objects.requireNonNull(c, "ciphertext");
    if (!(c instanceof PaillierCiphertext x)) {
      throw new IllegalArgumentException("not a paillier ciphertext: " + c.getClass().getName());
    }
    if (!x.keyFingerprint().equals(publicKey.fingerprint())) {
      throw new IllegalArgumentException("ciphertext was made under paillier key " + x.keyFingerprint()
          + ", not this scheme's key " + publicKey.fingerprint());
    }
    if (x.slotsPerCiphertext() != packer.slotsPerPlaintext()) {
      throw new IllegalArgumentException("ciphertext packs " + x.slotsPerCiphertext()
          + " values per ciphertext, but this key packs " + packer.slotsPerPlaintext());
    }
    return x;
  }

  private void checkHeadroom(long total, String operation) {
    if (total > packer.maxContributors()) {
      throw new IllegalArgumentException(operation + " would sum " + (total == Long.MAX_VALUE ? "more than " + packer.maxContributors() : total)
          + " contributions, but this key's packing has headroom for at most " + packer.maxContributors()
          + " (key option maxContributors); the packed slots would overflow");
    }
  }

  @Override
  public String toString() {
    return "PaillierScheme[" + publicKey + ", " + packer + (privateKey == null ? ", public only" : ", can decrypt") + "]";
  }
}
