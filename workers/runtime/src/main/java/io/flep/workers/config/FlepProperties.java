package io.flep.workers.config;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code flep.*} setting in one place. Defaults make {@code ./flep run} work on one machine: embedded
 * engine, embedded PostgreSQL under {@code dataDir}, all FLEP roles (data owner, analyst, cloud, IIoT services, auditor) in this process.
 */
@ConfigurationProperties("flep")
public record FlepProperties(
    @DefaultValue("embedded") String engine,
    @DefaultValue(".flep") Path dataDir,
    @DefaultValue("plugins") Path pluginsDir,
    Path keyEncryptionKeyFile,
    String exchange,
    @DefaultValue Datasource datasource,
    @DefaultValue Datasource engineDatasource,
    @DefaultValue Roles roles,
    @DefaultValue Party party,
    @DefaultValue Federation federation,
    @DefaultValue PolicyMinimums policy,
    @DefaultValue Cloud cloud,
    @DefaultValue Training training,
    @DefaultValue("false") boolean evaluation) {

  /** Where the exchange is: {@code flep.exchange} (a directory or an {@code s3://} location), else {@code <dataDir>/exchange}. */
  public String exchangeLocation() {
    return exchange == null || exchange.isBlank() ? dataDir.resolve("exchange").toString() : exchange;
  }

  public boolean embeddedEngine() {
    return !"remote".equals(engine);
  }

  /**
   * External PostgreSQL; when {@code url} is blank an embedded server is started under the data directory.
   * {@code flep.datasource.*} is the private database of the workers; {@code flep.engine-datasource.*} the
   * embedded engine's (kept apart so that the private database going down is an incident the engine can
   * still record).
   */
  public record Datasource(String url, String username, String password) {
    public boolean external() {
      return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
      String shown = password == null || password.isEmpty() ? "" : "<redacted>";
      return "Datasource[url=" + url + ", username=" + username + ", password=" + shown + "]";
    }
  }

  /**
   * The one party this process is ({@code flep.party.role} and {@code flep.party.id}), when it is one party; unset,
   * the process runs every role of {@link Roles} itself (a test convenience: one trust domain).
   */
  public record Party(String role, String id) {
    public boolean single() {
      return role != null && !role.isBlank();
    }
  }

  /**
   * The federation this process belongs to: {@code kit} is the party's startup kit (from {@code flep federation
   * enroll}); without one, a process running every role keeps a federation of its own in {@code <dataDir>/federation}.
   */
  public record Federation(Path kit) {}

  /**
   * What this party itself requires of any run policy before it acts under it ({@code flep.policy.*}): at least
   * {@code minimumContributors} contributors per decrypted aggregate and homomorphic keys of at least
   * {@code minimumHeKeyBits} bits. Neither can be set below the federation-wide floors (2 and 2048).
   */
  public record PolicyMinimums(
      @DefaultValue("2") int minimumContributors,
      @DefaultValue("2048") int minimumHeKeyBits) {
    public PolicyMinimums {
      if (minimumContributors < 2) {
        throw new IllegalArgumentException("flep.policy.minimum-contributors is at least 2, got " + minimumContributors);
      }
      if (minimumHeKeyBits < 2048) {
        throw new IllegalArgumentException("flep.policy.minimum-he-key-bits is at least 2048, got " + minimumHeKeyBits);
      }
    }
  }

  /** Which FLEP roles this process runs; a real deployment enables one role per organisation. */
  public record Roles(
      @DefaultValue("true") boolean dataOwner,
      @DefaultValue("true") boolean analyst,
      @DefaultValue("true") boolean cloud,
      @DefaultValue("true") boolean iiot,
      @DefaultValue("true") boolean auditor) {}

  /**
   * The AI cloud this installation aggregates with: its attributes feed the trust decision (DMN
   * {@code cloud-trust}) under {@code --cloud policy}. The IIoT services seal the HE secret key only to a cloud that
   * both the run's signed policy and their own {@code trustedPartners} (empty by default) list.
   */
  public record Cloud(
      @DefaultValue("flep-cloud") String id,
      @DefaultValue List<String> trustedPartners,
      @DefaultValue("false") boolean attested,
      @DefaultValue("domestic") String jurisdiction) {}

  /** Local training done by every analyst in every federated round. */
  public record Training(
      @DefaultValue("2") int epochs,
      @DefaultValue("32") int batchSize,
      @DefaultValue("0.003") double learningRate,
      /** How long an analyst keeps its plaintext local models in its own store before they are deleted. */
      @DefaultValue("P1D") java.time.Duration localModelRetention) {}
}
