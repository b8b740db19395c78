package io.flep.workers.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging for commands that run without Spring ({@code flep engine}): warnings only, plus FLEP's
 * own information, on stderr. Without Spring Boot's configuration logback would print every DEBUG line of
 * the embedded PostgreSQL, Netty and the client.
 */
final class StandaloneLogging {
  private StandaloneLogging() {}

  /** Also moves log lines to stderr: stdout carries only the command's own output. */
  static void apply() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.WARN);
      context.getLogger("io.flep").setLevel(Level.INFO);
      root.iteratorForAppenders().forEachRemaining(appender -> {
        if (appender instanceof ConsoleAppender<?> console) {
          console.stop();
          console.setTarget("System.err");
          console.start();
        }
      });
    }
  }
}
