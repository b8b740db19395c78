package io.flep.workers.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code flep serve}: engine, workers and the admin web app until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, subcommands = ResetPasswordCommand.class,
    description = {"Starts the private database, the engine (embedded mode), the job workers of the enabled roles",
        "and the admin web app on 127.0.0.1, and keeps them running until Ctrl-C.",
        "The web app needs a login: the first start creates the user admin and prints",
        "its generated password once; admins add users in the web app."})
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "8088", description = "Admin web app port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
  int port;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, Object> properties = common.toSpringProperties();
    properties.put("server.port", port);
    properties.putIfAbsent("server.address", "127.0.0.1");
    CountDownLatch stopped = new CountDownLatch(1);
    ConfigurableApplicationContext context = Workers.start(properties, true);
    context.addApplicationListener(event -> {
      if (event instanceof org.springframework.context.event.ContextClosedEvent) {
        stopped.countDown();
      }
    });
    System.out.println("flep serve: admin UI on http://127.0.0.1:" + port + "/ - press Ctrl-C to stop");
    stopped.await();
    System.out.println("flep serve: stopped");
    return 0;
  }
}
