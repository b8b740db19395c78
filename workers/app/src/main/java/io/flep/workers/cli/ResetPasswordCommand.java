package io.flep.workers.cli;

import io.flep.workers.web.security.WebUsers;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flep serve reset-password NAME}: a new generated password for a web user, printed once to standard output,
 * for when no admin can log in any more. Works on the store of a stopped {@code flep serve}.
 */
@Command(name = "reset-password", mixinStandardHelpOptions = true,
    description = {"A new generated password for a user of the web app, printed once.",
        "The password is stored only as a hash. For when no admin can log in;",
        "otherwise an admin resets passwords in the web app. Opens the embedded",
        "PostgreSQL under --data-dir ('flep serve' must be stopped), or an external",
        "one with -P flep.datasource.url=..."})
public final class ResetPasswordCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NAME", description = "The user, e.g. admin.")
  String name;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".flep",
      description = "The data directory of 'flep serve' (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = {"-P", "--property"}, paramLabel = "KEY=VALUE",
      description = "flep.datasource.url / username when the store is an external PostgreSQL"
          + " (password from FLEP_DATASOURCE_PASSWORD).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    StandaloneLogging.apply();
    WebUsers.Credentials reset;
    try (PartyStore store = PartyStore.open(dataDir, properties)) {
      reset = reset(store.connection());
    }
    System.out.println("flep serve reset-password: the new password of " + reset.name() + " (" + reset.role().shown()
        + "), shown only now:");
    System.out.println("  " + reset.password());
    return 0;
  }

  private WebUsers.Credentials reset(Connection db) throws Exception {
    if (!db.getMetaData().getTables(null, null, "web_user", null).next()) {
      throw new IllegalStateException("this store has no web users yet: start 'flep serve' once, it creates the"
          + " first admin");
    }
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(db, true);
    WebUsers users = new WebUsers(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
        PasswordEncoderFactories.createDelegatingPasswordEncoder());
    return users.resetPassword(name).orElseThrow(() -> new IllegalArgumentException("no web user '" + name
        + "'; the users are: " + String.join(", ", users.list().stream().map(WebUsers.WebUser::name).toList())));
  }
}
