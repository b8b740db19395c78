package io.flep.exchange.federation;

import io.flep.exchange.PartyCredential;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A federation's root of trust: an Ed25519 key pair and its self-signed X.509 CA certificate (Bouncy Castle). It
 * certifies each party's credential ({@link #certify}: role and id in the subject, at most a year) and signs the list
 * of revoked certificates ({@link #revocationList}). Whoever holds the root's private key decides who is who in the
 * federation: keep it offline, owner-only, or under a passphrase.
 */
public final class FederationRoot {
  /** The longest a party certificate may be valid; a party renews by being certified again. */
  public static final Duration MAX_PARTY_VALIDITY = Duration.ofDays(366);
  private static final String SIGNATURE = "Ed25519";

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final SecureRandom random;

  private FederationRoot(X509Certificate certificate, PrivateKey key, SecureRandom random) {
    this.certificate = certificate;
    this.key = key;
    this.random = random;
  }

  /** A new root named {@code name}, valid for {@code validity} from {@code now}. */
  public static FederationRoot create(String name, Instant now, Duration validity, SecureRandom random)
      throws GeneralSecurityException {
    KeyPair pair = KeyPairGenerator.getInstance(SIGNATURE).generateKeyPair();
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name)
        .addRDN(BCStyle.O, PartyCertificates.ORGANISATION).build();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(random), Date.from(now),
        Date.from(now.plus(validity)), subject, pair.getPublic());
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(signer(pair.getPrivate())));
      return new FederationRoot(certificate, pair.getPrivate(), random);
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("could not build the root certificate: " + e.getMessage(), e);
    }
  }

  /** A root from its certificate and private key (PKCS#8), as stored. */
  public static FederationRoot of(X509Certificate certificate, byte[] pkcs8PrivateKey, SecureRandom random)
      throws GeneralSecurityException {
    PrivateKey key = KeyFactory.getInstance(SIGNATURE).generatePrivate(
        new java.security.spec.PKCS8EncodedKeySpec(pkcs8PrivateKey));
    return new FederationRoot(certificate, key, random);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The root's private key, PKCS#8: the caller stores it owner-only and wipes the copy. */
  public byte[] exportPrivateKey() {
    return key.getEncoded();
  }

  /**
   * Certifies {@code credential}: its id and role in the subject, its Ed25519 key as the certificate's key, its X25519
   * key in an extension, valid from {@code now} for {@code validity}.
   *
   * @throws IllegalArgumentException if {@code validity} exceeds {@link #MAX_PARTY_VALIDITY}
   */
  public X509Certificate certify(PartyCredential credential, Instant now, Duration validity)
      throws GeneralSecurityException {
    if (validity.compareTo(MAX_PARTY_VALIDITY) > 0 || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("a party certificate is valid for at most " + MAX_PARTY_VALIDITY.toDays()
          + " days, not " + validity.toDays());
    }
    PublicKey signingKey = KeyFactory.getInstance(SIGNATURE)
        .generatePublic(new X509EncodedKeySpec(credential.signingKey()));
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(random),
        Date.from(now), Date.from(now.plus(validity)),
        PartyCertificates.subject(credential.partyId(), credential.role()), signingKey);
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(PartyCertificates.AGREEMENT_KEY, false, PartyCertificates.agreementExtension(credential));
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("could not certify " + credential.partyId() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The signed list of revoked party certificates (by serial number and revocation time), issued {@code now}
   * (thisUpdate), due to be replaced {@code nextUpdate} later, with its sequence {@code number} (RFC 5280 CRL
   * number). Each list carries every earlier revocation too. Parties take the highest-numbered list the root signed
   * that is stored under its own number ({@link FederationCertificates#revocations}), and never go back to a
   * lower-numbered one they have seen.
   */
  public X509CRL revocationList(BigInteger number, Map<BigInteger, Instant> revoked, Instant now,
      Duration nextUpdate) throws GeneralSecurityException {
    X509v2CRLBuilder builder = new X509v2CRLBuilder(
        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now));
    builder.setNextUpdate(Date.from(now.plus(nextUpdate)));
    revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.keyCompromise));
    try {
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
    } catch (java.io.IOException e) {
      throw new GeneralSecurityException("could not number the revocation list: " + e.getMessage(), e);
    }
    return new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
  }

  /** The sequence number of a revocation list ({@link #revocationList}); zero if it has none. */
  public static BigInteger numberOf(X509CRL revocations) {
    byte[] extension = revocations.getExtensionValue(Extension.cRLNumber.getId());
    if (extension == null) {
      return BigInteger.ZERO;
    }
    return CRLNumber.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(extension).getOctets())
        .getCRLNumber();
  }

  private static ContentSigner signer(PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaContentSignerBuilder(SIGNATURE).build(key);
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException("no Ed25519 signer: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }
}
