package io.flep.workers.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.config.Roles;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decrypting party's ledger under concurrency (review finding M4): two claims, each in a transaction of its own as
 * a task runs it, that pass the ledger's checks at the same time. The test holds a lock that lets both pass the
 * checks and stops both at an insert, then lets them go.
 */
class DecryptionLedgerTest extends EmbeddedFlepTest {
  @Autowired DecryptionLedger ledger;
  @Autowired PartyIdentities identities;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;

  String party;
  String heKey;

  @BeforeEach
  void newDecryptor() {
    party = "decryptor-" + UUID.randomUUID().toString().substring(0, 8);
    identities.of(party, Roles.IIOT);
    heKey = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  @Test
  void twoConcurrentClaimsOfTwoRoundsSharingAContributionDecryptOnlyOne() throws Exception {
    String shared = "aa".repeat(32);
    List<Object> outcomes = race("decrypted_contribution",
        () -> claim(1, "01".repeat(32), Map.of("analyst-1", shared, "analyst-2", "b1".repeat(32))),
        () -> claim(2, "02".repeat(32), Map.of("analyst-1", shared, "analyst-3", "b2".repeat(32))));

    assertThat(outcomes).filteredOn("granted"::equals).as("granted").hasSize(1);
    assertThat(outcomes).filteredOn(AggregationRefusedException.class::isInstance).as("refused").hasSize(1)
        .first().asInstanceOf(InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("(ciphertext " + shared + ") was already decrypted in round");
    assertThat(jdbc.queryForObject("select count(*) from decryption_claim where he_key = ? and decrypted_by = ?",
        Long.class, heKey, party)).as("the refused claim's round is rolled back with it").isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(distinct round) from decrypted_contribution where he_key = ?"
        + " and decrypted_by = ?", Long.class, heKey, party)).isEqualTo(1);
  }

  @Test
  void twoConcurrentClaimsOfOneRoundWithDifferentAggregatesDecryptOnlyOne() throws Exception {
    List<Object> outcomes = race("decryption_claim",
        () -> claim(1, "01".repeat(32), Map.of("analyst-1", "c1".repeat(32), "analyst-2", "c2".repeat(32))),
        () -> claim(1, "02".repeat(32), Map.of("analyst-1", "c1".repeat(32), "analyst-3", "c3".repeat(32))));

    assertThat(outcomes).filteredOn("granted"::equals).as("granted").hasSize(1);
    assertThat(outcomes).filteredOn(AggregationRefusedException.class::isInstance).as("refused").hasSize(1)
        .first().asInstanceOf(InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("round 1 was already decrypted");
  }

  @Test
  void aRetriedClaimOfTheSameAggregateIsGrantedAgain() {
    Map<String, String> contributions = Map.of("analyst-1", "d1".repeat(32), "analyst-2", "d2".repeat(32));
    assertThat(claim(1, "01".repeat(32), contributions)).isEqualTo("granted");
    assertThat(claim(1, "01".repeat(32), contributions)).isEqualTo("granted");
    assertThat(jdbc.queryForObject("select count(*) from decrypted_contribution where he_key = ? and decrypted_by = ?",
        Long.class, heKey, party)).isEqualTo(2);
  }

  /** A claim in a transaction of its own, as a task makes it. */
  private String claim(int round, String aggregate, Map<String, String> contributions) {
    transaction.executeWithoutResult(status -> ledger.claim(heKey, round, aggregate, party, contributions));
    return "granted";
  }

  private interface Claim {
    String run() throws Exception;
  }

  /** Runs both claims at once, both held up at their insert into {@code table} until both are; their outcomes. */
  private List<Object> race(String table, Claim first, Claim second) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<String>> claims = new ArrayList<>();
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement sql = lock.createStatement()) {
        sql.execute("lock table " + table + " in share row exclusive mode"); // reads pass, inserts wait
      }
      claims.add(threads.submit(first::run));
      claims.add(threads.submit(second::run));
      Concurrency.awaitWaitingFor(lock, table, 2);
      lock.commit();
    } finally {
      threads.shutdown();
    }
    List<Object> outcomes = new ArrayList<>();
    for (Future<String> claim : claims) {
      try {
        outcomes.add(claim.get(60, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    return outcomes;
  }
}
