package io.flep.engine.crash;

import io.flep.engine.FlepEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.postgresql.ds.PGSimpleDataSource;

/** An engine in a process of its own, for the crash test: {@code <jdbc url> <schema> <port file>}. */
public final class EngineMain {
  private EngineMain() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    dataSource.setUser("postgres");
    FlepEngine engine = FlepEngine.builder().dataSource(dataSource).schema(args[1]).build().start();
    Path portFile = Path.of(args[2]);
    Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(partial, Integer.toString(engine.grpcPort()));
    Files.move(partial, portFile);
    Thread.currentThread().join();
  }
}
