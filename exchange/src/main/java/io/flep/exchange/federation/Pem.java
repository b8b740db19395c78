package io.flep.exchange.federation;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text (RFC 7468) for what a federation keeps in files: certificates, and private keys as PKCS#8, optionally
 * encrypted under a passphrase (PBES2: PBKDF2-HMAC-SHA256, {@value #ITERATIONS} iterations, AES-256-CBC), so that
 * OpenSSL reads them too ({@code openssl pkey -in root.key}).
 */
public final class Pem {
  /** PBKDF2 iterations for a passphrase-protected key (OWASP's 2023 figure for PBKDF2-HMAC-SHA256). */
  public static final int ITERATIONS = 600_000;
  private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private Pem() {}

  public static String certificate(X509Certificate certificate) {
    try {
      return write(new PemObject("CERTIFICATE", certificate.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalArgumentException("unencodable certificate: " + e.getMessage(), e);
    }
  }

  /** The certificates in {@code text}, in order. */
  public static List<X509Certificate> certificates(String text, String source) {
    List<X509Certificate> found = new ArrayList<>();
    for (Object object : objects(text, source)) {
      if (object instanceof org.bouncycastle.cert.X509CertificateHolder holder) {
        try {
          found.add(FederationCertificates.certificate(holder.getEncoded()).orElseThrow(
              () -> new IllegalArgumentException(source + " holds a certificate the JDK cannot read")));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(source + " holds no PEM certificate");
    }
    return found;
  }

  /** A PKCS#8 private key as PEM, encrypted under {@code passphrase} unless it is null or empty. */
  public static String privateKey(byte[] pkcs8, char[] passphrase) {
    if (passphrase == null || passphrase.length == 0) {
      return write(new PemObject("PRIVATE KEY", pkcs8));
    }
    try {
      var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
          .setProvider(BOUNCY_CASTLE).setPRF(org.bouncycastle.openssl.PKCS8Generator.PRF_HMACSHA256)
          .setIterationCount(ITERATIONS)
          .setPassword(passphrase).build();
      var generator = new org.bouncycastle.openssl.PKCS8Generator(PrivateKeyInfo.getInstance(pkcs8), encryptor);
      return write(generator.generate());
    } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException("could not encrypt the private key: " + e.getMessage(), e);
    }
  }

  /**
   * The PKCS#8 private keys in {@code text}, in order; encrypted ones are decrypted with {@code passphrase}.
   *
   * @throws GeneralSecurityException if a key is encrypted and the passphrase is missing or wrong
   */
  public static List<byte[]> privateKeys(String text, char[] passphrase, String source)
      throws GeneralSecurityException {
    List<byte[]> keys = new ArrayList<>();
    for (Object object : objects(text, source)) {
      try {
        if (object instanceof PrivateKeyInfo info) {
          keys.add(info.getEncoded());
        } else if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          if (passphrase == null || passphrase.length == 0) {
            throw new GeneralSecurityException(source + " is protected by a passphrase; none was given");
          }
          keys.add(encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
              .setProvider(BOUNCY_CASTLE).build(passphrase))
              .getEncoded());
        }
      } catch (PKCSException e) {
        throw new GeneralSecurityException("wrong passphrase for " + source + " (or the file is damaged)", e);
      } catch (OperatorCreationException | IOException e) {
        throw new GeneralSecurityException("cannot read the private key in " + source + ": " + e.getMessage(), e);
      }
    }
    if (keys.isEmpty()) {
      throw new GeneralSecurityException(source + " holds no PEM private key");
    }
    return keys;
  }

  /** An X25519 private key (32 raw bytes, RFC 7748) as PKCS#8 (RFC 8410). */
  public static byte[] x25519Pkcs8(byte[] raw) {
    try {
      return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_X25519), new DEROctetString(raw))
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 32 raw bytes of an X25519 PKCS#8 private key. */
  public static byte[] x25519Raw(byte[] pkcs8) {
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
    if (!EdECObjectIdentifiers.id_X25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw new IllegalArgumentException("not an X25519 private key: " + info.getPrivateKeyAlgorithm().getAlgorithm());
    }
    try {
      return org.bouncycastle.asn1.ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged X25519 private key: " + e.getMessage(), e);
    }
  }

  /** Whether a PKCS#8 private key is Ed25519. */
  public static boolean isEd25519(byte[] pkcs8) {
    return EdECObjectIdentifiers.id_Ed25519.equals(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm()
        .getAlgorithm());
  }

  private static List<Object> objects(String text, String source) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(text))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(source + " is not valid PEM: " + e.getMessage(), e);
    }
    return objects;
  }

  private static String write(PemObject object) {
    StringWriter text = new StringWriter();
    try (PemWriter writer = new PemWriter(text)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
