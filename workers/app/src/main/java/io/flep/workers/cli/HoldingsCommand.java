package io.flep.workers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flep.workers.holdings.Holdings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flep party holdings}: what one party's store holds. */
@Command(name = "holdings", mixinStandardHelpOptions = true,
    description = {"Lists what a party holds in its store: keys (public or secret, purpose,",
        "owner), artifacts by kind, data-set rows, and whether any of it is",
        "plaintext data, a plaintext model or a secret beyond its own identity.",
        "Opens the party's embedded PostgreSQL under --data-dir (the party must",
        "be stopped), or an external one with -P flep.datasource.url=..."})
public final class HoldingsCommand implements Callable<Integer> {
  @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "The party's data directory.")
  Path dataDir;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
      description = "flep.datasource.url / username for a party whose store is an external PostgreSQL"
          + " (password from FLEP_DATASOURCE_PASSWORD).")
  java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    StandaloneLogging.apply();
    Holdings holdings;
    try (PartyStore store = PartyStore.open(dataDir, properties)) {
      holdings = Holdings.read(store.connection());
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(holdings));
    } else {
      print(holdings);
    }
    return 0;
  }

  private static void print(Holdings h) {
    System.out.println("keys:");
    for (Holdings.Key k : h.keys()) {
      System.out.printf(Locale.ROOT, "  %-12s %-22s %-16s %-7s %s%n", k.purpose(), k.scheme(), k.owner(),
          k.secret() ? "secret" : "public", k.run() == null ? "" : "run " + k.run());
    }
    System.out.println("artifacts:");
    for (Holdings.Artifacts a : h.artifacts()) {
      System.out.printf(Locale.ROOT, "  %-24s %-16s %6d  %10d bytes%s%n", a.kind(), a.owner(), a.count(), a.bytes(),
          a.plaintextData() ? "  PLAINTEXT DATA" : a.plaintextModel() ? "  PLAINTEXT MODEL" : "");
    }
    System.out.printf(Locale.ROOT, "data-set rows: %d%nplaintext data: %s, plaintext model: %s,"
        + " secret keys beyond its own identity: %s%n", h.datasetRows(), yes(h.plaintextData()),
        yes(h.plaintextModel()), yes(h.foreignSecrets()));
  }

  private static String yes(boolean b) {
    return b ? "yes" : "no";
  }
}
