package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.PartyDirectory;
import io.flep.exchange.federation.CertifiedDirectory;
import io.flep.exchange.federation.FederationCertificates;
import io.flep.workers.audit.AuditChainVerifier;
import io.flep.workers.trust.FederationAuthority;
import io.flep.workers.trust.SeenRevocations;
import io.flep.workers.trust.StartupKit;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flep audit verify}: checks the audit chains in one party's store. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verifies the audit chain of each party in a store from its first",
        "entry: no entry missing, each linked to the one before, each hash",
        "recomputed, each signature checked against the party's identity key,",
        "every referenced key, artifact and contribution in the store with the",
        "recorded SHA-256. With --exchange also: the identity key is the one",
        "the party's certificate in the exchange certifies, every referenced",
        "exchange object is there with its digest, and every chain head the",
        "party stated in the exchange is in its chain (nothing cut off or",
        "rewritten); certificates count through the federation root of --kit",
        "(default: the party's kit in DIR/kit, or the local federation in",
        "DIR/federation), with the newer of the exchange's revocation list and",
        "the one the party last saw (DIR/federation-revocations.crl). Prints,",
        "per party, the entries verified and the first problem found; exits 0",
        "only if every chain verifies. Opens the party's embedded PostgreSQL",
        "under --data-dir (the party must be stopped), or an external one with",
        "-P flep.datasource.url=..."})
public final class AuditVerifyCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The party's data directory.")
  Path dataDir;

  @Option(names = "--exchange", paramLabel = "LOCATION",
      description = "The exchange to check against: a shared directory or s3://bucket/prefix?...")
  String exchange;

  @Option(names = "--kit", paramLabel = "DIR",
      description = "A startup kit of the federation whose root certifies the parties' credentials (with --exchange;"
          + " default: DIR/kit, else the local federation DIR/federation).")
  Path kit;

  @Option(names = "--party", paramLabel = "ID", description = "Only this party's chain (default: every party's).")
  String party;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
      description = "flep.datasource.url / username for a party whose store is an external PostgreSQL"
          + " (password from FLEP_DATASOURCE_PASSWORD).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    StandaloneLogging.apply();
    AuditChainVerifier.Result result;
    try (PartyStore store = PartyStore.open(dataDir, properties);
        ExchangeStorage storage = exchange == null ? null : ExchangeStorage.open(exchange)) {
      Optional<AuditChainVerifier.Exchange> against = storage == null ? Optional.empty()
          : Optional.of(new AuditChainVerifier.Exchange(storage, directory(storage)));
      result = new AuditChainVerifier(store.connection(), against, line -> System.err.println("flep: " + line))
          .verify(Optional.ofNullable(party));
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Map.of("ok", result.ok(), "exchangeChecked", result.exchangeChecked(),
              "parties", result.parties())));
    } else {
      print(result);
    }
    return result.ok() ? 0 : 1;
  }

  /** The parties' credentials in the exchange, each accepted only with a certificate from the federation root. */
  private PartyDirectory directory(ExchangeStorage storage) {
    Clock clock = Clock.systemUTC();
    X509Certificate root;
    if (kit != null) {
      root = StartupKit.read(kit).root();
    } else if (StartupKit.existsIn(dataDir.resolve("kit"))) {
      root = StartupKit.read(dataDir.resolve("kit")).root();
    } else if (FederationAuthority.existsIn(dataDir.resolve("federation"))) {
      root = FederationAuthority.open(dataDir.resolve("federation"), null, clock).rootCertificate();
    } else {
      throw new IllegalArgumentException("--exchange checks credentials through the federation root, but " + dataDir
          + " holds neither a startup kit (kit/) nor a local federation (federation/); give --kit DIR");
    }
    // the newest revocation list the party has seen counts even if the exchange no longer offers it
    SeenRevocations seen = SeenRevocations.readOnly(dataDir, root);
    FederationCertificates published = new FederationCertificates(storage);
    return new CertifiedDirectory(root, published::certificatesOf,
        () -> seen.newer(published.latestRevocations(root)), clock);
  }

  private void print(AuditChainVerifier.Result result) {
    System.out.printf(Locale.ROOT, "%-16s %8s %6s %8s  %s%n", "party", "entries", "refs", "anchors", "result");
    long entries = 0;
    List<AuditChainVerifier.PartyChain> parties = result.parties();
    for (AuditChainVerifier.PartyChain chain : parties) {
      entries += chain.entries();
      System.out.printf(Locale.ROOT, "%-16s %8d %6d %8s  %s%n", chain.party(), chain.entries(), chain.refsChecked(),
          result.exchangeChecked() ? Long.toString(chain.anchorsChecked()) : "-", chain.ok() ? "ok"
              : chain.problem().seq() == 0 ? "FAILED: " + chain.problem().what()
              : "FAILED at seq " + chain.problem().seq() + ": " + chain.problem().what());
    }
    long failed = parties.stream().filter(c -> !c.ok()).count();
    System.out.printf(Locale.ROOT, "%d audit chain%s, %d entries verified, %s; %s%n", parties.size(),
        parties.size() == 1 ? "" : "s", entries, failed == 0 ? "all intact" : failed + " broken",
        result.exchangeChecked() ? "checked against the exchange at " + exchange
            : "exchange not checked (--exchange LOCATION checks credentials, exchange objects and stated heads)");
  }
}
