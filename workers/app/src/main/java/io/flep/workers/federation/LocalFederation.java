package io.flep.workers.federation;

import io.flep.workers.FlepApplication;
import io.camunda.client.CamundaClient;
import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.FederationEngineClients;
import io.flep.workers.evaluation.PlaintextEvaluation;
import io.flep.workers.config.Roles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every party of a run in this one JVM, wired exactly as separate organisations would be: an engine with its own
 * PostgreSQL, a shared exchange directory, and one application context per party with its own data directory, its
 * own store (an embedded PostgreSQL under it), its own key-encryption key and identity, reaching the engine as a
 * gRPC client with its own engine client (its own secret, its own job types: {@link FederationEngine}), and its own
 * startup kit of the run's federation ({@link ThrowawayFederation}). Parties share no bean but the in-memory
 * evaluator of evaluation mode (null: none).
 */
public final class LocalFederation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalFederation.class);
  /** Spring Boot's switch for its logging system; {@code none} leaves logging as it is. */
  private static final String LOGGING_SYSTEM = "org.springframework.boot.logging.LoggingSystem";

  private final EmbeddedEngine engine;
  private final Map<PartySpec, ConfigurableApplicationContext> contexts;

  private LocalFederation(EmbeddedEngine engine, Map<PartySpec, ConfigurableApplicationContext> contexts) {
    this.engine = engine;
    this.contexts = contexts;
  }

  /**
   * Starts the engine and the parties (in parallel).
   *
   * @param root       the federation's directory: {@code engine/}, {@code exchange/}, {@code parties/<id>/}
   * @param properties settings every party gets (plugins directory, training, cloud attributes, ...)
   * @param evaluation the evaluator the parties hand plaintexts to, or null outside evaluation mode
   */
  public static LocalFederation start(Path root, List<PartySpec> parties, Map<String, Object> properties,
      PlaintextEvaluation evaluation, Consumer<String> progress) {
    ThrowawayFederation.prepare(root, parties);
    // new secrets for every federation started, in this process's memory only
    FederationEngineClients clients = FederationEngine.issueClients(parties);
    EmbeddedEngine engine = FederationEngine.start(root, clients);
    progress.accept("engine on " + engine.grpcAddress() + "; starting " + parties.size() + " parties");
    Map<PartySpec, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    ExecutorService starters = Executors.newFixedThreadPool(Math.min(parties.size(), 4), r -> {
      Thread t = new Thread(r, "flep-party-start");
      t.setDaemon(true);
      return t;
    });
    String loggingSystem = System.getProperty(LOGGING_SYSTEM);
    try {
      List<Future<ConfigurableApplicationContext>> started = new ArrayList<>();
      for (PartySpec party : parties) {
        Map<String, Object> own = PartyProperties.of(party, root.resolve("exchange").toString(),
            engine.grpcAddress().toString(), engine.restAddress().toString(), evaluation != null, properties);
        own.putAll(FederationEngine.clientSettings(engine, clients, party));
        started.add(starters.submit(() -> startParty(party, own, evaluation, engine)));
        if (started.size() == 1) {
          // logging is one per JVM: the first party configures it, the others must not reconfigure it concurrently
          awaitQuietly(started.get(0));
          System.setProperty(LOGGING_SYSTEM, "none");
        }
      }
      RuntimeException failure = null;
      for (int i = 0; i < parties.size(); i++) {
        try {
          contexts.put(parties.get(i), started.get(i).get());
        } catch (ExecutionException e) {
          failure = failure != null ? failure : new IllegalStateException("party " + parties.get(i).id()
              + " did not start: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          failure = new IllegalStateException("interrupted while starting the parties", e);
        }
      }
      if (failure != null) {
        new LocalFederation(engine, contexts).close();
        throw failure;
      }
    } finally {
      starters.shutdown();
      if (loggingSystem == null) {
        System.clearProperty(LOGGING_SYSTEM);
      } else {
        System.setProperty(LOGGING_SYSTEM, loggingSystem);
      }
    }
    return new LocalFederation(engine, contexts);
  }

  private static void awaitQuietly(Future<?> first) {
    try {
      first.get();
    } catch (ExecutionException e) {
      // reported with the others below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts one party's context with {@code properties} ({@link PartyProperties}); {@code evaluation} may be null. */
  public static ConfigurableApplicationContext startParty(PartySpec party, Map<String, Object> properties,
      PlaintextEvaluation evaluation, EmbeddedEngine engine) {
    SpringApplicationBuilder builder = new SpringApplicationBuilder(FlepApplication.class)
        .logStartupInfo(false)
        .registerShutdownHook(false);
    builder.initializers(context -> {
      if (evaluation != null) {
        context.getBeanFactory().registerSingleton("plaintextEvaluation", evaluation);
      }
      if (engine != null && Roles.DATA_OWNER.equals(party.role())) {
        // the coordinator follows runs on this machine's engine: its incidents end a run at once
        context.getBeanFactory().registerSingleton("flepFederationEngine", engine);
      }
    });
    LOG.info("starting party {} ({}) in {}", party.id(), party.role(), party.dataDir());
    // as command-line arguments of this application (not of the OS process): they take precedence over every other
    // source, as the party's own configuration
    return builder.run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new));
  }

  /** The data owner's context: it starts runs and follows them. */
  public ConfigurableApplicationContext coordinator() {
    return contexts.entrySet().stream().filter(e -> e.getKey().role().equals(Roles.DATA_OWNER))
        .map(Map.Entry::getValue).findFirst().orElseThrow();
  }

  /** The engine the parties share. */
  public EmbeddedEngine engine() {
    return engine;
  }

  /**
   * A new client of the engine acting as party {@code partyId}, with that party's own credentials and permissions
   * (for tests and tools that stand in for a party; the caller closes it).
   */
  public CamundaClient clientOf(String partyId) {
    PartySpec party = contexts.keySet().stream().filter(p -> p.id().equals(partyId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no party " + partyId));
    return engine.newClientBuilder(partyId, party.dataDir().resolve(FederationEngine.TOKEN_CACHE + "-standin"))
        .build();
  }

  public List<PartySpec> parties() {
    return List.copyOf(contexts.keySet());
  }

  public ConfigurableApplicationContext context(String partyId) {
    return contexts.entrySet().stream().filter(e -> e.getKey().id().equals(partyId)).map(Map.Entry::getValue)
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no party " + partyId));
  }

  /** Stops every party, then the engine. */
  @Override
  public void close() {
    contexts.values().parallelStream().forEach(context -> {
      try {
        context.close();
      } catch (RuntimeException e) {
        LOG.warn("stopping a party failed: {}", e.toString());
      }
    });
    engine.stop();
  }
}
