package io.flep.exchange.federation;

import io.flep.exchange.PartyCredential;
import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * How a party certificate carries a {@link PartyCredential}: the party id as CN and its role as OU of the subject
 * ({@code CN=analyst-1, OU=analyst, O=FLEP federation}), its Ed25519 signature key as the certificate's public key,
 * and its X25519 key-agreement key in a non-critical extension.
 */
public final class PartyCertificates {
  /**
   * The extension holding the 32-byte X25519 key: an OID under {@code 2.25} (a UUID as OID, ITU-T X.667), so it
   * needs no registration.
   */
  public static final ASN1ObjectIdentifier AGREEMENT_KEY =
      new ASN1ObjectIdentifier("2.25.200927624381735049640516290473339219205");
  static final String ORGANISATION = "FLEP federation";

  private PartyCertificates() {}

  static X500Name subject(String partyId, String role) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, partyId).addRDN(BCStyle.OU, role)
        .addRDN(BCStyle.O, ORGANISATION).build();
  }

  /**
   * The credential a certificate certifies (its signature is not checked here: see {@link CertifiedDirectory}).
   *
   * @throws IllegalArgumentException if it is not a party certificate
   */
  public static PartyCredential credentialOf(X509Certificate certificate) {
    X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    String id = single(subject, BCStyle.CN, "CN");
    String role = single(subject, BCStyle.OU, "OU");
    byte[] extension = certificate.getExtensionValue(AGREEMENT_KEY.getId());
    if (extension == null) {
      throw new IllegalArgumentException("certificate of " + id + " carries no key-agreement key");
    }
    byte[] agreement = ASN1OctetString.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getOctets();
    return new PartyCredential(id, role, certificate.getPublicKey().getEncoded(), agreement);
  }

  static DEROctetString agreementExtension(PartyCredential credential) {
    return new DEROctetString(credential.agreementKey());
  }

  static String describe(X509Certificate certificate) {
    return new X500Principal(certificate.getSubjectX500Principal().getEncoded()).getName();
  }

  private static String single(X500Name name, ASN1ObjectIdentifier type, String label) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length != 1) {
      throw new IllegalArgumentException("a party certificate's subject has exactly one " + label + ": " + name);
    }
    return IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }
}
