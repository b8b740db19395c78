package io.flep.workers.web.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The users of the web app, in the store's table {@code web_user}. Every password is generated here
 * ({@link GeneratedPassword}), handed to the caller once and kept only as a {@link PasswordEncoder} hash; this class
 * never logs one. There is always at least one admin once the first one exists: the last one cannot be removed.
 */
public class WebUsers implements UserDetailsService {
  /** The user {@code flep serve} creates on its first start. */
  public static final String FIRST_ADMIN = "admin";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;
  private final PasswordEncoder encoder;

  public WebUsers(JdbcTemplate jdbc, PlatformTransactionManager transactions, PasswordEncoder encoder) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.encoder = encoder;
  }

  /** A user as stored, without the hash. */
  public record WebUser(String name, WebRole role, Instant createdAt, Instant passwordChangedAt) {}

  /** A user and the password just generated for it: show it once, keep it nowhere. */
  public record Credentials(String name, WebRole role, String password) {
    @Override
    public String toString() {
      return "Credentials[name=" + name + ", role=" + role + ", password=<redacted>]";
    }
  }

  /** Thrown when a change would leave the users in a state they may not be in (a name taken, no admin left). */
  public static final class ConflictException extends RuntimeException {
    ConflictException(String message) {
      super(message);
    }
  }

  /**
   * Creates {@link #FIRST_ADMIN} as an admin when there is no user at all, in one statement (two processes cannot
   * both create it); empty when any user exists.
   */
  public Optional<Credentials> createFirstAdmin() {
    String password = GeneratedPassword.next();
    int created = jdbc.update("insert into web_user (name, role, password_hash) select ?, 'ADMIN', ?"
        + " where not exists (select 1 from web_user)", FIRST_ADMIN, encoder.encode(password));
    return created == 1 ? Optional.of(new Credentials(FIRST_ADMIN, WebRole.ADMIN, password)) : Optional.empty();
  }

  /** Adds a user with a generated password. */
  public Credentials add(String name, WebRole role) {
    checkName(name);
    String password = GeneratedPassword.next();
    try {
      jdbc.update("insert into web_user (name, role, password_hash) values (?, ?, ?)", name, role.name(),
          encoder.encode(password));
    } catch (DuplicateKeyException e) {
      throw new ConflictException("a user '" + name + "' exists already; reset its password instead");
    }
    return new Credentials(name, role, password);
  }

  /** Gives the user a new generated password; empty when there is no such user. */
  public Optional<Credentials> resetPassword(String name) {
    String password = GeneratedPassword.next();
    List<String> roles = jdbc.queryForList("update web_user set password_hash = ?, password_changed_at = now()"
        + " where name = ? returning role", String.class, encoder.encode(password), name);
    return roles.stream().findFirst().map(role -> new Credentials(name, WebRole.valueOf(role), password));
  }

  /** Removes the user; false when there is none. The last admin is never removed ({@link ConflictException}). */
  public boolean remove(String name) {
    return Boolean.TRUE.equals(transaction.execute(status -> {
      // locks the admins' rows, so two admins removing each other cannot both succeed
      List<String> admins = jdbc.queryForList("select name from web_user where role = 'ADMIN' for update",
          String.class);
      if (admins.size() == 1 && admins.contains(name)) {
        throw new ConflictException("'" + name + "' is the last admin; add another admin before removing it");
      }
      return jdbc.update("delete from web_user where name = ?", name) == 1;
    }));
  }

  public Optional<WebUser> find(String name) {
    return jdbc.query("select * from web_user where name = ?", (rs, n) -> user(rs), name).stream().findFirst();
  }

  public List<WebUser> list() {
    return jdbc.query("select * from web_user order by name", (rs, n) -> user(rs));
  }

  @Override
  public UserDetails loadUserByUsername(String name) {
    return jdbc.query("select name, role, password_hash from web_user where name = ?",
            (rs, n) -> User.withUsername(rs.getString(1)).password(rs.getString(3))
                .authorities(WebRole.valueOf(rs.getString(2)).authority()).build(), name)
        .stream().findFirst().orElseThrow(() -> new UsernameNotFoundException("no web user '" + name + "'"));
  }

  private static WebUser user(ResultSet rs) throws SQLException {
    return new WebUser(rs.getString("name"), WebRole.valueOf(rs.getString("role")),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("password_changed_at").toInstant());
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("a user name is 1 to 64 characters a-z, 0-9, '.', '_' or '-', starting with"
          + " a letter; got '" + name + "'");
    }
  }
}
