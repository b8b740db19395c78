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

    assertThat(ledger.contribution(key, 1, "analyst-1", first)).isEqualTo(first);
    assertThat(ledger.contribution(key, 1, "analyst-1", new byte[] {9, 9})).as("asked again").isEqualTo(first);
    assertThat(ledger.contribution(key, 2, "analyst-1", new byte[] {4})).as("the next round").containsExactly(4);
    assertThat(ledger.contribution(key, 1, "analyst-2", new byte[] {5})).as("another analyst").containsExactly(5);
  }

  @Test
  void theRecordOutlivesATaskThatRollsBack() {
    String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
      ledger.contribution(key, 1, "analyst-1", new byte[] {7});
      throw new IllegalStateException("the task died after signing");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(ledger.contribution(key, 1, "analyst-1", new byte[] {8})).as("retried task").containsExactly(7);
  }
}
