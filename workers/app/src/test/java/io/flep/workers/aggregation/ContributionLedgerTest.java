package io.flep.workers.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.config.Roles;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** An analyst signs at most one update per key and round, even when its task is retried or asked twice. */
class ContributionLedgerTest extends EmbeddedFlepTest {
  @Autowired ContributionLedger ledger;
  @Autowired TransactionTemplate transaction;
  @Autowired DataSource dataSource;
  @Autowired JdbcTemplate jdbc;
  @Autowired PartyIdentities identities;

  /** The analysts sign their audit entries with their identity keys: they must have them, whatever ran before. */
  @BeforeEach
  void analysts() {
    identities.of("analyst-1", Roles.ANALYST);
    identities.of("analyst-2", Roles.ANALYST);
  }

  @Test
  void aSecondRequestForTheSameKeyAndRoundGetsTheFirstCiphertext() {
    String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    byte[] first = {1, 2, 3};
    UUID model1 = UUID.randomUUID();

    assertThat(ledger.contribution(key, 1, "analyst-1", model1, first)).isEqualTo(first);
    assertThat(ledger.contribution(key, 1, "analyst-1", model1, new byte[] {9, 9})).as("asked again")
        .isEqualTo(first);
    assertThat(ledger.contribution(key, 2, "analyst-1", UUID.randomUUID(), new byte[] {4})).as("the next round")
        .containsExactly(4);
    assertThat(ledger.contribution(key, 1, "analyst-2", UUID.randomUUID(), new byte[] {5})).as("another analyst")
        .containsExactly(5);
  }

  @Test
  void aLocalModelIsContributedInOneRoundOnly() {
    String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    UUID model = UUID.randomUUID();
    ledger.contribution(key, 1, "analyst-1", model, new byte[] {1});

    // the replay of the review: the same update signed again "for round 2", to be differenced against round 1
    assertThatThrownBy(() -> ledger.contribution(key, 2, "analyst-1", model, new byte[] {2}))
        .isInstanceOf(io.flep.workers.failure.AggregationRefusedException.class)
        .hasMessageContaining("already contributed its local model " + model + " in round 1");
    assertThat(ledger.contribution(key, 1, "analyst-1", model, new byte[] {3})).as("round 1 still answers")
        .containsExactly(1);
  }

  @Test
  void theRecordOutlivesATaskThatRollsBack() {
    String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      ledger.contribution(key, 1, "analyst-1", UUID.randomUUID(), new byte[] {7});
      throw new IllegalStateException("the task died after signing");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(ledger.contribution(key, 1, "analyst-1", UUID.randomUUID(), new byte[] {8})).as("retried task")
        .containsExactly(7);
  }

  /**
   * Review finding M4: two requests with the same local model for different rounds, at the same time. The test holds
   * a lock that lets both pass the ledger's check and stops both at their insert, then lets them go: without the
   * store's unique index both would be signed.
   */
  @Test
  void twoConcurrentRequestsWithOneLocalModelForTwoRoundsSignItOnce() throws Exception {
    String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    UUID model = UUID.randomUUID();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<Future<byte[]>> requests = new ArrayList<>();
    try (Connection lock = dataSource.getConnection()) {
      lock.setAutoCommit(false);
      try (Statement sql = lock.createStatement()) {
        sql.execute("lock table signed_contribution in share row exclusive mode"); // reads pass, inserts wait
      }
      for (int round = 1; round <= 2; round++) {
        int r = round;
        requests.add(threads.submit(() -> ledger.contribution(key, r, "analyst-1", model, new byte[] {(byte) r})));
      }
      Concurrency.awaitWaitingFor(lock, "signed_contribution", 2);
      lock.commit();
    } finally {
      threads.shutdown();
    }

    List<Object> outcomes = new ArrayList<>();
    for (Future<byte[]> request : requests) {
      try {
        outcomes.add(request.get(60, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        outcomes.add(e.getCause());
      }
    }
    assertThat(outcomes).filteredOn(byte[].class::isInstance).as("signed").hasSize(1);
    assertThat(outcomes).filteredOn(AggregationRefusedException.class::isInstance).as("refused").hasSize(1)
        .first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.THROWABLE)
        .hasMessageContaining("already contributed its local model " + model + " in round");
    assertThat(jdbc.queryForObject("select count(*) from signed_contribution where he_key = ? and local_model = ?",
        Long.class, key, model)).isEqualTo(1);
  }
}
