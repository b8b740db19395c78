package io.flep.workers.web.security;

import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * On the first start of the web app (no user in the store) creates the admin {@link WebUsers#FIRST_ADMIN} with a
 * generated password and prints both, framed, to standard output: once, and never to a log (the password goes to
 * {@link System#out} directly, not through a logger, and is stored only as a hash). On every later start it does
 * nothing.
 */
public class FirstAdmin implements ApplicationRunner {
  private static final String RULE = "=".repeat(78);

  private final WebUsers users;
  private final PrintStream console;

  public FirstAdmin(WebUsers users, PrintStream console) {
    this.users = users;
    this.console = console;
  }

  @Override
  public void run(ApplicationArguments args) {
    users.createFirstAdmin().ifPresent(admin -> {
      console.println(RULE);
      console.println("flep serve: first start - the web app's first admin was created.");
      console.println("  user:     " + admin.name());
      console.println("  password: " + admin.password());
      console.println("This password is shown only now and is stored only as a hash: keep it in a password");
      console.println("manager. Log in to add users; a lost password: 'flep serve reset-password --help'.");
      console.println(RULE);
      console.flush();
    });
  }
}
