package io.flep.workers.federation;

import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.StandaloneEngineDatabase;
import java.nio.file.Path;
import java.util.Map;

/** The engine a federation on this machine shares: FLEP's engine on free loopback ports, its state under {@code engine/}. */
final class FederationEngine {
  private FederationEngine() {}

  /** Starts it with its own embedded PostgreSQL under {@code <root>/engine}; stopping it closes that too. */
  static EmbeddedEngine start(Path root) {
    StandaloneEngineDatabase database = StandaloneEngineDatabase.open(root.resolve("engine"), Map.of());
    try {
      return new EmbeddedEngine(0, 0, database.dataSource(), database).start();
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }
}
