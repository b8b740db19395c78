package io.flep.workers.trust;

import io.flep.exchange.PartyCredential;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.exchange.federation.FederationRoot;
import io.flep.exchange.federation.Pem;
import io.flep.exchange.seal.AgreementKeyPair;
import io.flep.workers.config.Roles;
import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A federation as its admin keeps it: a directory ({@code flep federation init}) with the root certificate
 * ({@code root.crt}), the root's private key ({@code root.key}, owner-only, optionally under a passphrase),
 * {@code federation.properties} (name, and the engine and exchange addresses put into every kit), every certificate
 * it issued ({@code issued/<id>/<serial>.crt}) and its numbered revocation lists ({@code revocations/<n>.crl}).
 */
public final class FederationAuthority {
  /** How long a root is valid. */
  public static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
  /** How long a party certificate is valid unless asked otherwise: a year, the longest allowed. */
  public static final Duration PARTY_VALIDITY = Duration.ofDays(365);
  /** When parties should expect a newer revocation list at the latest. */
  public static final Duration REVOCATION_LIST_VALIDITY = Duration.ofDays(30);
  private static final String ROOT_CERTIFICATE = "root.crt";
  private static final String ROOT_KEY = "root.key";
  private static final String SETTINGS = "federation.properties";

  private final Path dir;
  private final String name;
  private final Map<String, String> settings;
  private final FederationRoot root;
  private final Clock clock;
  private final SecureRandom random;

  private FederationAuthority(Path dir, String name, Map<String, String> settings, FederationRoot root, Clock clock,
      SecureRandom random) {
    this.dir = dir;
    this.name = name;
    this.settings = Map.copyOf(settings);
    this.root = root;
    this.clock = clock;
    this.random = random;
  }

  /** Whether {@code dir} holds a federation. */
  public static boolean existsIn(Path dir) {
    return Files.isRegularFile(dir.resolve(ROOT_CERTIFICATE));
  }

  /**
   * Creates a federation in {@code dir}.
   *
   * @param passphrase protects the root key when not null or empty (PBKDF2 + AES-256); the caller wipes it
   * @param settings   {@link StartupKit#EXCHANGE}, {@link StartupKit#ENGINE_GRPC}, ... copied into every kit
   * @throws IllegalStateException if {@code dir} already holds a federation
   */
  public static FederationAuthority init(Path dir, String name, char[] passphrase, Map<String, String> settings,
      Clock clock) {
    if (existsIn(dir)) {
      throw new IllegalStateException(dir + " already holds a federation (" + dir.resolve(ROOT_CERTIFICATE)
          + "); a federation is created once");
    }
    SecureRandom random = new SecureRandom();
    try {
      FederationRoot root = FederationRoot.create(name, clock.instant(), ROOT_VALIDITY, random);
      OwnerOnlyFiles.createDirectory(dir);
      byte[] key = root.exportPrivateKey();
      try {
        OwnerOnlyFiles.writeNew(dir.resolve(ROOT_KEY), Pem.privateKey(key, passphrase).getBytes(StandardCharsets.US_ASCII));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      Map<String, String> all = new LinkedHashMap<>(settings);
      all.put("federation.name", name);
      OwnerOnlyFiles.writeNew(dir.resolve(SETTINGS), propertiesText(all).getBytes(StandardCharsets.UTF_8));
      // last: its presence says the federation is complete
      OwnerOnlyFiles.writeNew(dir.resolve(ROOT_CERTIFICATE), Pem.certificate(root.certificate())
          .getBytes(StandardCharsets.US_ASCII));
      return new FederationAuthority(dir, name, settings, root, clock, random);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not create the federation root: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the federation in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens the federation in {@code dir}.
   *
   * @throws IllegalArgumentException if there is none, or the root key does not open with {@code passphrase}
   */
  public static FederationAuthority open(Path dir, char[] passphrase, Clock clock) {
    if (!existsIn(dir)) {
      throw new IllegalArgumentException(dir + " holds no federation (no " + ROOT_CERTIFICATE + "); create one with"
          + " 'flep federation init --dir " + dir + "'");
    }
    try {
      X509Certificate certificate = Pem.certificates(read(dir.resolve(ROOT_CERTIFICATE)),
          dir.resolve(ROOT_CERTIFICATE).toString()).get(0);
      byte[] key = Pem.privateKeys(read(dir.resolve(ROOT_KEY)), passphrase, dir.resolve(ROOT_KEY).toString()).get(0);
      FederationRoot root;
      try {
        root = FederationRoot.of(certificate, key, new SecureRandom());
      } finally {
        Arrays.fill(key, (byte) 0);
      }
      Properties properties = new Properties();
      properties.load(new StringReader(read(dir.resolve(SETTINGS))));
      Map<String, String> settings = new LinkedHashMap<>();
      properties.stringPropertyNames().stream().sorted().filter(n -> !n.equals("federation.name"))
          .forEach(n -> settings.put(n, properties.getProperty(n)));
      return new FederationAuthority(dir, properties.getProperty("federation.name", "FLEP federation"), settings,
          root, clock, new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the federation in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The engine and exchange settings of the federation in {@code dir}, read without its root key.
   *
   * @throws IllegalArgumentException if there is no federation there
   */
  public static Map<String, String> settingsOf(Path dir) {
    if (!existsIn(dir)) {
      throw new IllegalArgumentException(dir + " holds no federation (no " + ROOT_CERTIFICATE + "); create one with"
          + " 'flep federation init --dir " + dir + "'");
    }
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(read(dir.resolve(SETTINGS))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(SETTINGS) + ": " + e.getMessage(), e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    properties.stringPropertyNames().stream().sorted().filter(n -> !n.equals("federation.name"))
        .forEach(n -> settings.put(n, properties.getProperty(n)));
    return settings;
  }

  public String name() {
    return name;
  }

  public Path dir() {
    return dir;
  }

  public Map<String, String> settings() {
    return settings;
  }

  public X509Certificate rootCertificate() {
    return root.certificate();
  }

  /**
   * Enrolls a new party: makes its identity keys, certifies them with its role and id, and writes its startup kit
   * into {@code kitDir}.
   *
   * @param settings overrides of the federation's engine and exchange settings for this kit
   */
  public StartupKit enroll(String role, String partyId, Path kitDir, Duration validity, Map<String, String> settings) {
    checkParty(role, partyId);
    if (StartupKit.existsIn(kitDir)) {
      throw new IllegalStateException(kitDir + " already holds a startup kit; choose another --out directory");
    }
    KeyPair signing;
    try {
      signing = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no Ed25519: " + e.getMessage(), e);
    }
    AgreementKeyPair agreement = AgreementKeyPair.generate(random);
    StartupKit.IdentityKeys keys = new StartupKit.IdentityKeys(signing.getPrivate().getEncoded(),
        agreement.exportPrivateKey());
    try {
      PartyCredential credential = new PartyCredential(partyId, role, signing.getPublic().getEncoded(),
          agreement.publicKey());
      X509Certificate certificate = certify(credential, validity);
      Map<String, String> kitSettings = new LinkedHashMap<>(this.settings);
      kitSettings.putAll(settings);
      return StartupKit.write(kitDir, name, kitSettings, root.certificate(), certificate, keys);
    } finally {
      keys.wipe();
    }
  }

  /** Certifies an existing credential (a party that made its own keys, or a renewal), and records it. */
  public X509Certificate certify(PartyCredential credential, Duration validity) {
    checkParty(credential.role(), credential.partyId());
    try {
      X509Certificate certificate = root.certify(credential, clock.instant(), validity);
      Path issued = dir.resolve("issued").resolve(credential.partyId());
      OwnerOnlyFiles.createDirectory(dir.resolve("issued"));
      OwnerOnlyFiles.createDirectory(issued);
      OwnerOnlyFiles.writeNew(issued.resolve(certificate.getSerialNumber().toString(16) + ".crt"),
          Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII));
      return certificate;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not certify " + credential + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not record the certificate of " + credential.partyId() + " in " + dir
          + ": " + e.getMessage(), e);
    }
  }

  /** Renews the certificate in {@code kit} (same party, same keys) for {@code validity} from now. */
  public StartupKit renew(StartupKit kit, Duration validity) {
    if (!kit.root().equals(root.certificate())) {
      throw new IllegalArgumentException("the kit in " + kit.dir() + " belongs to another federation");
    }
    return kit.renewedWith(certify(kit.credential(), validity));
  }

  /** Every certificate this federation issued to {@code partyId}, newest first. */
  public List<X509Certificate> issuedTo(String partyId) {
    Path issued = dir.resolve("issued").resolve(partyId);
    if (!Files.isDirectory(issued)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(issued)) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".crt")).toList()) {
        certificates.addAll(Pem.certificates(read(file), file.toString()));
      }
      certificates.sort(Comparator.comparing(X509Certificate::getNotBefore).reversed());
      return certificates;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + issued + ": " + e.getMessage(), e);
    }
  }

  /**
   * Revokes every certificate issued to {@code partyId}: signs a revocation list numbered one above the last, with
   * all earlier revocations, and keeps it in {@code revocations/}. The caller publishes it to the exchange.
   *
   * @throws IllegalArgumentException if the federation never certified {@code partyId}
   */
  public X509CRL revoke(String partyId) {
    List<X509Certificate> issued = issuedTo(partyId);
    if (issued.isEmpty()) {
      throw new IllegalArgumentException("this federation never certified a party '" + partyId + "' (nothing in "
          + dir.resolve("issued") + ")");
    }
    Instant now = clock.instant();
    Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
    Optional<X509CRL> previous = latestRevocations();
    previous.ifPresent(list -> {
      if (list.getRevokedCertificates() != null) {
        list.getRevokedCertificates().forEach(e -> revoked.put(e.getSerialNumber(), e.getRevocationDate().toInstant()));
      }
    });
    issued.forEach(c -> revoked.putIfAbsent(c.getSerialNumber(), now));
    return sign(previous, revoked, now);
  }

  /**
   * Signs the newest revocation list again, with the same revocations, under the next number and valid from now for
   * {@link #REVOCATION_LIST_VALIDITY}: for before the current list's next update is due, or when publishing it
   * failed. The caller publishes it.
   *
   * @throws IllegalStateException if this federation has revoked nothing yet
   */
  public X509CRL reissueRevocations() {
    Optional<X509CRL> previous = latestRevocations();
    if (previous.isEmpty()) {
      throw new IllegalStateException("this federation has revoked nothing yet (no list in " + dir.resolve("revocations")
          + "): there is no revocation list to reissue");
    }
    Map<BigInteger, Instant> revoked = new LinkedHashMap<>();
    if (previous.get().getRevokedCertificates() != null) {
      previous.get().getRevokedCertificates()
          .forEach(e -> revoked.put(e.getSerialNumber(), e.getRevocationDate().toInstant()));
    }
    return sign(previous, revoked, clock.instant());
  }

  private X509CRL sign(Optional<X509CRL> previous, Map<BigInteger, Instant> revoked, Instant now) {
    BigInteger number = previous.map(FederationRoot::numberOf).orElse(BigInteger.ZERO).add(BigInteger.ONE);
    try {
      X509CRL list = root.revocationList(number, revoked, now, REVOCATION_LIST_VALIDITY);
      OwnerOnlyFiles.createDirectory(dir.resolve("revocations"));
      OwnerOnlyFiles.writeNew(dir.resolve("revocations").resolve(String.format("%030d.crl", number)), list.getEncoded());
      return list;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign the revocation list: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not store the revocation list in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The newest (highest-numbered) revocation list this federation signed, if any. */
  public Optional<X509CRL> latestRevocations() {
    Path lists = dir.resolve("revocations");
    if (!Files.isDirectory(lists)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(lists)) {
      X509CRL newest = null;
      for (Path file : files.filter(f -> f.toString().endsWith(".crl")).toList()) {
        X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509")
            .generateCRL(new java.io.ByteArrayInputStream(Files.readAllBytes(file)));
        if (newest == null || FederationRoot.numberOf(list).compareTo(FederationRoot.numberOf(newest)) > 0) {
          newest = list;
        }
      }
      return Optional.ofNullable(newest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + lists + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a revocation list in " + lists + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Publishes the root's current revocation list, if any, to {@code published}. */
  public void publishRevocations(FederationCertificates published) {
    latestRevocations().ifPresent(published::publish);
  }

  private static void checkParty(String role, String partyId) {
    if (!Roles.ALL.contains(role)) {
      throw new IllegalArgumentException("--role must be one of " + Roles.ALL + ", got '" + role + "'");
    }
    if (partyId == null || !partyId.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
      throw new IllegalArgumentException("--id is 1 to 64 lowercase letters, digits, '_' or '-', starting with a"
          + " letter or digit: '" + partyId + "'");
    }
  }

  private static String propertiesText(Map<String, String> properties) {
    StringBuilder text = new StringBuilder("# FLEP federation settings, copied into every startup kit\n");
    properties.forEach((name, value) -> text.append(name).append('=').append(value.replace("\\", "\\\\")).append('\n'));
    return text.toString();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
