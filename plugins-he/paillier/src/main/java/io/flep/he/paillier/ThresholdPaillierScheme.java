package io.flep.he.paillier;

import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.he.ThresholdDecryption;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * A t-of-ℓ threshold {@code paillier} key ({@link ThresholdPaillier}): encrypts, adds and parses exactly like
 * {@link PaillierScheme}; {@link #decrypt} always fails; a share holder's instance partially decrypts and anyone
 * combines. Partial decryption serialised form, version 1 (big-endian):
 *
 * <pre>
 * "FLPD" | version (1) = 1 | key fingerprint (8) | SHA-256 of the ciphertext bytes (32) | share index (4)
 * | count (4) | count × partial ciphertext (⌈bits(n²)/8⌉ bytes each)
 * </pre>
 *
 * A partial decryption costs one exponentiation with a (bits(n) + bits(λ) + log2(2ℓ!))-bit exponent per
 * ciphertext, about four times an encryption's randomizer. Thread-safe.
 */
public final class ThresholdPaillierScheme implements HomomorphicEncryption, ThresholdDecryption {
  static final byte[] MAGIC = {'F', 'L', 'P', 'D'};
  static final int VERSION = 1;
  private static final int HEADER_BYTES = 4 + 1 + 8 + 32 + 4 + 4;

  private final PaillierScheme scheme;
  private final PaillierPublicKey publicKey;
  private final int threshold;
  private final int shareholders;
  private final ThresholdPaillier.Share share;

  ThresholdPaillierScheme(PaillierScheme publicScheme, PaillierPublicKey publicKey, int threshold, int shareholders,
      Optional<ThresholdPaillier.Share> share) {
    this.scheme = publicScheme;
    this.publicKey = publicKey;
    this.threshold = threshold;
    this.shareholders = shareholders;
    this.share = share.orElse(null);
  }

  @Override
  public HeCiphertext encrypt(double[] values) {
    return scheme.encrypt(values);
  }

  @Override
  public HeCiphertext add(HeCiphertext a, HeCiphertext b) {
    return scheme.add(a, b);
  }

  @Override
  public HeCiphertext multiplyByScalar(HeCiphertext c, long scalar) {
    return scheme.multiplyByScalar(c, scalar);
  }

  @Override
  public HeCiphertext parse(byte[] bytes) throws GeneralSecurityException {
    return scheme.parse(bytes);
  }

  @Override
  public int maxContributors() {
    return scheme.maxContributors();
  }

  @Override
  public int keyBits() {
    return scheme.keyBits();
  }

  @Override
  public String keyFingerprint() {
    return scheme.keyFingerprint();
  }

  @Override
  public long clippedValueCount() {
    return scheme.clippedValueCount();
  }

  @Override
  public CompletableFuture<Void> prepareEncryptions(int values) {
    return scheme.prepareEncryptions(values);
  }

  @Override
  public int threshold() {
    return threshold;
  }

  @Override
  public int shareholders() {
    return shareholders;
  }

  @Override
  public int shareIndex() {
    return share == null ? 0 : share.index();
  }

  @Override
  public byte[] partialDecrypt(HeCiphertext c) throws GeneralSecurityException {
    if (share == null) {
      throw new GeneralSecurityException("this instance of threshold key " + publicKey.fingerprint()
          + " holds no share, so it cannot partially decrypt");
    }
    PaillierCiphertext x = own(c);
    BigInteger[] parts = x.parts();
    BigInteger[] partial = IntStream.range(0, parts.length).parallel()
        .mapToObj(i -> ThresholdPaillier.partialDecrypt(publicKey, shareholders, share, parts[i]))
        .toArray(BigInteger[]::new);
    int width = publicKey.ciphertextBytes();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(HEADER_BYTES + partial.length * width);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeByte(VERSION);
      out.write(publicKey.fingerprintBytes());
      out.write(PaillierPublicKey.sha256(x.toBytes()));
      out.writeInt(share.index());
      out.writeInt(partial.length);
      for (BigInteger p : partial) {
        out.write(WireReader.fixedWidth(p, width));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory stream
    }
    return bytes.toByteArray();
  }

  @Override
  public double[] combine(HeCiphertext c, List<byte[]> partialDecryptions) throws GeneralSecurityException {
    PaillierCiphertext x = own(c);
    byte[] digest = PaillierPublicKey.sha256(x.toBytes());
    Map<Integer, BigInteger[]> byIndex = new LinkedHashMap<>();
    for (byte[] bytes : partialDecryptions) {
      Parsed p = parsePartial(bytes, digest, x.ciphertextCount());
      if (byIndex.putIfAbsent(p.index(), p.parts()) != null) {
        throw new GeneralSecurityException("two partial decryptions by share holder " + p.index()
            + "; threshold decryption needs " + threshold + " distinct share holders");
      }
    }
    if (byIndex.size() < threshold) {
      throw new GeneralSecurityException("only " + byIndex.size() + " partial decryption"
          + (byIndex.size() == 1 ? "" : "s") + " (share holders " + byIndex.keySet() + "); this " + threshold
          + "-of-" + shareholders + " key needs " + threshold);
    }
    int[] indices = byIndex.keySet().stream().mapToInt(Integer::intValue).limit(threshold).toArray();
    List<BigInteger[]> partials = byIndex.values().stream().limit(threshold).toList();
    BigInteger[] plaintexts = IntStream.range(0, x.ciphertextCount()).parallel()
        .mapToObj(i -> {
          BigInteger[] column = new BigInteger[threshold];
          for (int a = 0; a < threshold; a++) {
            column[a] = partials.get(a)[i];
          }
          return ThresholdPaillier.combine(publicKey, shareholders, threshold, indices, column);
        })
        .toArray(BigInteger[]::new);
    return scheme.packer().unpack(plaintexts, x.length(), x.contributors());
  }

  private record Parsed(int index, BigInteger[] parts) {}

  private Parsed parsePartial(byte[] bytes, byte[] digest, int count) throws GeneralSecurityException {
    if (bytes == null || bytes.length < MAGIC.length || !Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
      throw new GeneralSecurityException("not a paillier partial decryption: wrong magic bytes");
    }
    WireReader in = new WireReader(bytes, "paillier partial decryption");
    in.bytes(4, "magic");
    int version = in.u8("version");
    if (version != VERSION) {
      throw new GeneralSecurityException("unsupported paillier partial decryption version " + version
          + " (supported: " + VERSION + ")");
    }
    if (!Arrays.equals(in.bytes(8, "key fingerprint"), publicKey.fingerprintBytes())) {
      throw new GeneralSecurityException("partial decryption was made under another key, not "
          + publicKey.fingerprint());
    }
    if (!Arrays.equals(in.bytes(32, "ciphertext digest"), digest)) {
      throw new GeneralSecurityException("partial decryption is of another ciphertext");
    }
    int index = in.int32("share index");
    if (index < 1 || index > shareholders) {
      throw in.fail("share index " + index + " is outside [1, " + shareholders + "]");
    }
    int n = in.int32("count");
    if (n != count) {
      throw in.fail(n + " partial ciphertexts for a ciphertext of " + count);
    }
    int width = publicKey.ciphertextBytes();
    if ((long) n * width != in.remaining()) {
      throw in.fail(n + " partial ciphertexts of " + width + " bytes need " + (long) n * width + " bytes, but "
          + in.remaining() + " follow the header (truncated or padded)");
    }
    BigInteger[] parts = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      parts[i] = in.fixedUnsigned(width, "partial ciphertext " + i);
      if (!publicKey.isValidCiphertext(parts[i])) {
        throw in.fail("partial ciphertext " + i + " is not an element of Z*_{n^2}");
      }
    }
    return new Parsed(index, parts);
  }

  private PaillierCiphertext own(HeCiphertext c) throws GeneralSecurityException {
    try {
      return scheme.own(c);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ThresholdPaillierScheme[" + threshold + "-of-" + shareholders + ", " + publicKey
        + (share == null ? ", no share" : ", share " + share.index()) + "]";
  }
}
