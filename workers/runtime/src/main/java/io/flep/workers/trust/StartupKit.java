package io.flep.workers.trust;

import io.flep.exchange.PartyCredential;
import io.flep.exchange.federation.PartyCertificates;
import io.flep.exchange.federation.Pem;
import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What a party needs to join a federation, as the federation admin hands it over ({@code flep federation enroll}):
 * a directory, owner-only, holding
 * <ul>
 *   <li>{@code kit.properties}: the party's role and id, the federation's name, and where the engine and the exchange
 *       are (settings, no secrets);</li>
 *   <li>{@code root.crt}: the federation root certificate, the one trust anchor every signature is checked against;</li>
 *   <li>{@code party.crt}: the party's certificate (renewed in place by {@code flep federation renew});</li>
 *   <li>{@code identity.key}: the party's Ed25519 signature key and X25519 key-agreement key (PKCS#8 PEM). The party
 *       imports them into its own store, wrapped under its key-encryption key, when it first starts.</li>
 *   <li>{@code engine-client.secret}, when the federation's engine requires tokens: the secret of the party's own
 *       engine client (OAuth 2 client credentials; its id is the party's id).</li>
 * </ul>
 */
public record StartupKit(Path dir, String role, String partyId, String federation, Map<String, String> settings,
    X509Certificate root, X509Certificate certificate) {
  static final String PROPERTIES = "kit.properties";
  static final String ROOT = "root.crt";
  static final String CERTIFICATE = "party.crt";
  static final String IDENTITY = "identity.key";
  static final String ENGINE_SECRET = "engine-client.secret";
  /** Settings a kit may carry besides the party's identity. */
  public static final String EXCHANGE = "exchange";
  public static final String ENGINE_GRPC = "engine.grpc-address";
  public static final String ENGINE_REST = "engine.rest-address";

  public StartupKit {
    settings = Map.copyOf(settings);
  }

  /** The credential the kit's certificate certifies. */
  public PartyCredential credential() {
    return PartyCertificates.credentialOf(certificate);
  }

  /**
   * Reads the kit in {@code dir}.
   *
   * @throws IllegalArgumentException naming the file that is missing or unreadable, or if the certificate does not
   *     name the party the kit is for
   */
  public static StartupKit read(Path dir) {
    Properties properties = new Properties();
    String text = readText(dir.resolve(PROPERTIES));
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new IllegalArgumentException(dir.resolve(PROPERTIES) + " is not a properties file: " + e.getMessage(), e);
    }
    String role = required(properties, "party.role", dir);
    String partyId = required(properties, "party.id", dir);
    String federation = required(properties, "federation.name", dir);
    Map<String, String> settings = new TreeMap<>();
    for (String name : List.of(EXCHANGE, ENGINE_GRPC, ENGINE_REST)) {
      String value = properties.getProperty(name);
      if (value != null && !value.isBlank()) {
        settings.put(name, value.trim());
      }
    }
    X509Certificate root = Pem.certificates(readText(dir.resolve(ROOT)), dir.resolve(ROOT).toString()).get(0);
    X509Certificate certificate =
        Pem.certificates(readText(dir.resolve(CERTIFICATE)), dir.resolve(CERTIFICATE).toString()).get(0);
    PartyCredential credential;
    try {
      credential = PartyCertificates.credentialOf(certificate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir.resolve(CERTIFICATE) + " is not a party certificate: " + e.getMessage(), e);
    }
    if (!credential.partyId().equals(partyId) || !credential.role().equals(role)) {
      throw new IllegalArgumentException("the startup kit in " + dir + " is for " + role + " '" + partyId
          + "' but its certificate names " + credential.role() + " '" + credential.partyId() + "'");
    }
    try {
      certificate.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the certificate in " + dir.resolve(CERTIFICATE) + " is not signed by the"
          + " root in " + dir.resolve(ROOT), e);
    }
    return new StartupKit(dir, role, partyId, federation, settings, root, certificate);
  }

  /** Whether {@code dir} holds a kit. */
  public static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(PROPERTIES));
  }

  /**
   * The party's private keys from {@code identity.key}, if the kit still holds them (a party may delete the file once
   * it imported them).
   */
  public java.util.Optional<IdentityKeys> identityKeys() {
    Path file = dir.resolve(IDENTITY);
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    List<byte[]> keys;
    try {
      keys = Pem.privateKeys(readText(file), null, file.toString());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the identity keys in " + file + ": " + e.getMessage(), e);
    }
    if (keys.size() != 2 || !Pem.isEd25519(keys.get(0))) {
      throw new IllegalArgumentException(file + " must hold the Ed25519 signature key, then the X25519 key-agreement"
          + " key, as PKCS#8 PEM");
    }
    return java.util.Optional.of(new IdentityKeys(keys.get(0), Pem.x25519Raw(keys.get(1))));
  }

  /** The secret of the party's engine client, if the kit holds one; the caller wipes it after use. */
  public java.util.Optional<char[]> engineClientSecret() {
    Path file = dir.resolve(ENGINE_SECRET);
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    String text = readText(file).strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: it should hold the party's engine client secret");
    }
    return java.util.Optional.of(text.toCharArray());
  }

  /** Puts the secret of the party's engine client into the kit (owner-only), in place of one it held. */
  public void storeEngineClientSecret(char[] secret) {
    java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(secret));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    java.util.Arrays.fill(buffer.array(), (byte) 0);
    try {
      OwnerOnlyFiles.replace(dir.resolve(ENGINE_SECRET), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(ENGINE_SECRET) + ": " + e.getMessage(), e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Writes a new kit into {@code dir} (created owner-only; it must not hold a kit yet).
   *
   * @throws IllegalStateException if {@code dir} already holds a kit: enrolling again never overwrites one
   */
  public static StartupKit write(Path dir, String federation, Map<String, String> settings, X509Certificate root,
      X509Certificate certificate, IdentityKeys keys) {
    if (existsIn(dir)) {
      throw new IllegalStateException(dir + " already holds a startup kit; choose another --out directory");
    }
    PartyCredential credential = PartyCertificates.credentialOf(certificate);
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("party.role", credential.role());
    properties.put("party.id", credential.partyId());
    properties.put("federation.name", federation);
    settings.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        properties.put(name, value);
      }
    });
    try {
      OwnerOnlyFiles.createDirectory(dir);
      OwnerOnlyFiles.writeNew(dir.resolve(IDENTITY), (Pem.privateKey(keys.signingKey(), null)
          + Pem.privateKey(Pem.x25519Pkcs8(keys.agreementKey()), null)).getBytes(StandardCharsets.US_ASCII));
      OwnerOnlyFiles.writeNew(dir.resolve(ROOT), Pem.certificate(root).getBytes(StandardCharsets.US_ASCII));
      OwnerOnlyFiles.writeNew(dir.resolve(CERTIFICATE), Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII));
      OwnerOnlyFiles.writeNew(dir.resolve(PROPERTIES), propertiesText(properties).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the startup kit to " + dir + ": " + e.getMessage(), e);
    }
    return read(dir);
  }

  /** This kit with {@code renewed} in place of its certificate (same party, same keys). */
  public StartupKit renewedWith(X509Certificate renewed) {
    PartyCredential now = PartyCertificates.credentialOf(renewed);
    if (!now.equals(credential())) {
      throw new IllegalArgumentException("a renewed certificate certifies the same party and keys");
    }
    try {
      OwnerOnlyFiles.replace(dir.resolve(CERTIFICATE), Pem.certificate(renewed).getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(CERTIFICATE) + ": " + e.getMessage(), e);
    }
    return read(dir);
  }

  private static String propertiesText(Map<String, String> properties) {
    StringWriter text = new StringWriter();
    text.write("# FLEP startup kit: who this party is and where its federation runs (no secrets here)\n");
    properties.forEach((name, value) -> text.write(name + "=" + value.replace("\\", "\\\\") + "\n"));
    return text.toString();
  }

  private static String required(Properties properties, String name, Path dir) {
    String value = properties.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(dir.resolve(PROPERTIES) + " has no " + name);
    }
    return value.trim();
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("the startup kit has no " + file.getFileName() + " (looked in "
          + file.getParent() + ")", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** A party's private identity keys: Ed25519 PKCS#8 and X25519 raw (32 bytes). The holder wipes them after use. */
  public record IdentityKeys(byte[] signingKey, byte[] agreementKey) {
    public void wipe() {
      java.util.Arrays.fill(signingKey, (byte) 0);
      java.util.Arrays.fill(agreementKey, (byte) 0);
    }

    @Override
    public String toString() {
      return "IdentityKeys[<secret>]";
    }
  }
}
