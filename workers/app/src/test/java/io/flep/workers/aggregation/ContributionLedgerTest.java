package io.flep.workers.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.workers.testing.EmbeddedFlepTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** An analyst signs at most one update per key and round, even when its task is retried or asked twice. */
class ContributionLedgerTest extends EmbeddedFlepTest {
  @Autowired ContributionLedger ledger;
  @Autowired TransactionTemplate transaction;

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
}
