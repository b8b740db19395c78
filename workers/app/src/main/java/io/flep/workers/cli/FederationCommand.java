package io.flep.workers.cli;

import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.workers.engine.EngineClientRegistry;
import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.trust.StartupKit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code flep federation}: the federation admin's commands — the root, party certificates and startup kits. */
@Command(name = "federation", mixinStandardHelpOptions = true,
    subcommands = {FederationCommand.Init.class, FederationCommand.Enroll.class, FederationCommand.Renew.class,
        FederationCommand.Revoke.class, FederationDeployCommand.class},
    description = {"The federation admin's commands: create the federation root, enroll parties",
        "(a certificate, an engine client and a startup kit each), renew and revoke",
        "them, deploy the models to the federation's engine.",
        "Every signature a party checks is verified against a certificate chain to",
        "this root, with role and revocation checked."})
public final class FederationCommand implements Runnable {
  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
        "Missing subcommand: init, enroll, renew, revoke or deploy (see ./flep federation --help)");
  }

  /** {@code flep federation init}. */
  @Command(name = "init", mixinStandardHelpOptions = true,
      description = {"Creates a federation root in --dir: its certificate (root.crt, public) and",
          "its private key (root.key, owner-only; under a passphrase with --passphrase),",
          "and the engine's clients file (engine/clients.json, for 'flep engine",
          "--clients') with the admin's client, whose secret stays in --dir (owner-only).",
          "Keep the directory on the admin's machine, offline if you can."})
  static final class Init implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where the federation is kept.")
    Path dir;

    @Option(names = "--name", defaultValue = "FLEP federation",
        description = "The federation's name, in its root certificate (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--engine", paramLabel = "ADDRESS", description = "The engine's gRPC address, put into every kit.")
    String engine;

    @Option(names = "--engine-rest", paramLabel = "ADDRESS", description = "The engine's REST address, for every kit.")
    String engineRest;

    @Option(names = "--exchange", paramLabel = "LOCATION",
        description = "The exchange (a shared directory or s3://...), put into every kit; revocations go there.")
    String exchange;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
      Map<String, String> settings = new LinkedHashMap<>();
      putIfSet(settings, StartupKit.ENGINE_GRPC, engine);
      putIfSet(settings, StartupKit.ENGINE_REST, engineRest);
      putIfSet(settings, StartupKit.EXCHANGE, exchange);
      char[] secret = passphrase.read(true);
      try {
        FederationAuthority authority = FederationAuthority.init(dir.toAbsolutePath(), name, secret, settings,
            Clock.systemUTC());
        EngineClientRegistry engineClients = EngineClientRegistry.of(authority.dir());
        engineClients.ensureAdmin();
        PrintStream out = System.out;
        out.println("flep federation: '" + name + "' created in " + authority.dir());
        out.println("  root certificate  " + authority.dir().resolve("root.crt") + " (public: every kit carries it)");
        out.println("  root key          " + authority.dir().resolve("root.key") + " (owner-only"
            + (secret != null ? ", under your passphrase" : "; no passphrase") + ")");
        out.println("  engine clients    " + engineClients.clientsFile() + " (for ./flep engine --clients; hashes only)");
        out.println("next: ./flep federation enroll --dir " + dir + " --role ROLE --id ID --out KIT-DIR");
        return 0;
      } finally {
        wipe(secret);
      }
    }
  }

  /** {@code flep federation enroll}. */
  @Command(name = "enroll", mixinStandardHelpOptions = true,
      description = {"Enrolls a party: makes its identity keys (Ed25519 signature, X25519 key",
          "agreement), certifies them with its role and id (valid --days, at most a",
          "year), issues its engine client (exactly its role's commands and job types;",
          "the hash into engine/clients.json, a previous client of the party replaced),",
          "and writes its startup kit to --out (owner-only; the keys and the engine",
          "client's secret included). Hand the kit to the party over a channel you",
          "trust; it starts with 'flep party --kit DIR'."})
  static final class Enroll implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The federation's directory.")
    Path dir;

    @Option(names = "--role", required = true, description = "data-owner | analyst | cloud | iiot | auditor.")
    String role;

    @Option(names = "--id", required = true, description = "The party's id, e.g. analyst-1 (CN of its certificate).")
    String id;

    @Option(names = "--out", required = true, paramLabel = "KIT-DIR", description = "Where the startup kit is written.")
    Path out;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days, at most 366 (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--engine", paramLabel = "ADDRESS", description = "The engine's gRPC address for this party's kit.")
    String engine;

    @Option(names = "--engine-rest", paramLabel = "ADDRESS", description = "The engine's REST address for this kit.")
    String engineRest;

    @Option(names = "--exchange", paramLabel = "LOCATION", description = "The exchange for this party's kit.")
    String exchange;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
      FederationAuthority authority = open(dir, passphrase);
      Map<String, String> settings = new LinkedHashMap<>();
      putIfSet(settings, StartupKit.ENGINE_GRPC, engine);
      putIfSet(settings, StartupKit.ENGINE_REST, engineRest);
      putIfSet(settings, StartupKit.EXCHANGE, exchange);
      StartupKit kit = authority.enroll(role, id, out.toAbsolutePath(), Duration.ofDays(days), settings);
      EngineClientRegistry engineClients = EngineClientRegistry.of(authority.dir());
      engineClients.ensureAdmin(); // a federation made before engine clients were issued gets its admin now
      char[] engineSecret = engineClients.issue(role, id);
      try {
        kit.storeEngineClientSecret(engineSecret);
      } finally {
        wipe(engineSecret);
      }
      System.out.println("flep federation: " + role + " '" + id + "' enrolled; certificate serial "
          + kit.certificate().getSerialNumber().toString(16) + ", valid until "
          + kit.certificate().getNotAfter().toInstant());
      System.out.println("  startup kit " + kit.dir() + " (owner-only; identity.key is the party's private keys,"
          + " engine-client.secret its engine client's secret)");
      System.out.println("  engine client '" + id + "' in " + engineClients.clientsFile()
          + " (an engine started with --clients on that file picks it up within seconds)");
      System.out.println("  the party starts with: ./flep party --kit " + kit.dir() + " --data-dir DIR");
      return 0;
    }
  }

  /** {@code flep federation renew}. */
  @Command(name = "renew", mixinStandardHelpOptions = true,
      description = {"Renews the certificate in a startup kit: same party, same keys, valid",
          "--days from now. The party publishes the new certificate when it next starts."})
  static final class Renew implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The federation's directory.")
    Path dir;

    @Option(names = "--kit", required = true, paramLabel = "KIT-DIR", description = "The party's startup kit.")
    Path kit;

    @Option(names = "--days", defaultValue = "365", description = "Validity in days, at most 366 (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
      StartupKit renewed = open(dir, passphrase).renew(StartupKit.read(kit.toAbsolutePath()), Duration.ofDays(days));
      System.out.println("flep federation: " + renewed.role() + " '" + renewed.partyId() + "' renewed; serial "
          + renewed.certificate().getSerialNumber().toString(16) + ", valid until "
          + renewed.certificate().getNotAfter().toInstant());
      return 0;
    }
  }

  /** {@code flep federation revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = {"Revokes every certificate issued to a party: signs a new revocation list and",
          "publishes it to the exchange (--exchange, else the federation's), and takes",
          "its engine client out of engine/clients.json. Parties refuse the party's",
          "signatures and seal nothing more to it from then on (within 10 s of their",
          "next lookup); an engine watching the clients file refuses its calls.",
          "A list is due for renewal after 30 days: parties still apply an older one",
          "but warn; --reissue (instead of ID) signs the same revocations again as the",
          "next list and publishes it (also after publishing failed).",
          "Exits 1 if the list could not be published."})
  static final class Revoke implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "The federation's directory.")
    Path dir;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "The party to revoke.")
    String id;

    @Option(names = "--reissue",
        description = "Revoke no one new: sign the newest list's revocations again as the next list, and publish it.")
    boolean reissue;

    @Option(names = "--exchange", paramLabel = "LOCATION", description = "Where to publish the revocation list.")
    String exchange;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
      if ((id == null) == !reissue) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "give the party to revoke (ID) or --reissue, not both");
      }
      FederationAuthority authority = open(dir, passphrase);
      String location = exchange != null ? exchange : authority.settings().get(StartupKit.EXCHANGE);
      X509CRL list = reissue ? authority.reissueRevocations() : authority.revoke(id);
      String number = io.flep.exchange.federation.FederationRoot.numberOf(list).toString();
      int revoked = list.getRevokedCertificates() == null ? 0 : list.getRevokedCertificates().size();
      System.out.println(reissue
          ? "flep federation: revocation list " + number + " signed (" + revoked + " certificate(s) revoked in all,"
              + " valid until " + list.getNextUpdate().toInstant() + ")"
          : "flep federation: '" + id + "' revoked (revocation list " + number + ", " + revoked
              + " certificate(s) revoked in all)");
      if (!reissue) {
        EngineClientRegistry engineClients = EngineClientRegistry.of(authority.dir());
        if (engineClients.remove(id)) {
          System.out.println("  engine client '" + id + "' removed from " + engineClients.clientsFile());
        }
      }
      if (location == null || location.isBlank()) {
        System.out.println("  no exchange known: copy " + authority.dir().resolve("revocations") + "/*.crl to the"
            + " exchange's federation/revocations/ (or run again with --exchange LOCATION)");
        return 0;
      }
      try (ExchangeStorage storage = ExchangeStorage.open(location)) {
        new FederationCertificates(storage).publish(list);
      } catch (RuntimeException | java.io.IOException e) {
        System.err.println("flep: revocation list " + number + " is signed and kept in "
            + authority.dir().resolve("revocations") + ", but it is NOT published, so parties do not know of it: "
            + io.flep.workers.task.OneLine.of(e));
        System.err.println("flep: once the exchange is writable (if something else holds that key, whoever runs the"
            + " exchange may remove it), sign and publish the same revocations as the next list with"
            + " 'flep federation revoke --dir " + dir + " --reissue'");
        return 1;
      }
      System.out.println("  published to " + location);
      return 0;
    }
  }

  static FederationAuthority open(Path dir, PassphraseOptions passphrase) throws java.io.IOException {
    char[] secret = passphrase.read(false);
    try {
      return FederationAuthority.open(dir.toAbsolutePath(), secret, Clock.systemUTC());
    } finally {
      wipe(secret);
    }
  }

  private static void putIfSet(Map<String, String> settings, String name, String value) {
    if (value != null && !value.isBlank()) {
      settings.put(name, value);
    }
  }

  static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
