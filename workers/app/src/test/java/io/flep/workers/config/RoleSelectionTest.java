package io.flep.workers.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.flep.workers.FlepApplication;
import io.flep.workers.analyst.DecryptWorker;
import io.flep.workers.analyst.SecureModelWorker;
import io.flep.workers.analyst.TrainWorker;
import io.flep.workers.auditor.AuditorPartialDecryptWorker;
import io.flep.workers.cloud.AggregateEncryptedWorker;
import io.flep.workers.cloud.CloudPartialDecryptWorker;
import io.flep.workers.cloud.DecryptAndAverageWorker;
import io.flep.workers.dataowner.EncryptWorker;
import io.flep.workers.dataowner.GenerateWorker;
import io.flep.workers.iiot.CombinePartialDecryptionsWorker;
import io.flep.workers.iiot.DecryptAggregateWorker;
import io.flep.workers.iiot.IiotPartialDecryptWorker;
import io.flep.workers.iiot.IssueHeKeysWorker;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An analyst organisation's process: only the analyst role's workers are registered. */
@SpringBootTest(classes = FlepApplication.class, properties = {
    "flep.roles.data-owner=false", "flep.roles.cloud=false", "flep.roles.iiot=false", "flep.roles.auditor=false"})
@DirtiesContext
class RoleSelectionTest {
  @DynamicPropertySource
  static void directories(DynamicPropertyRegistry registry) throws Exception {
    String dir = Files.createTempDirectory("flep-roles-").toString();
    registry.add("flep.data-dir", () -> dir);
    registry.add("flep.plugins-dir", () -> dir + "/plugins");
  }

  @Autowired ApplicationContext context;

  @Test
  void onlyTheEnabledRolesWorkersExist() {
    for (Class<?> analystWorker : new Class<?>[] {DecryptWorker.class, TrainWorker.class, SecureModelWorker.class}) {
      assertThat(context.getBeansOfType(analystWorker)).as(analystWorker.getSimpleName()).hasSize(1);
    }
    for (Class<?> other : new Class<?>[] {GenerateWorker.class, EncryptWorker.class, IssueHeKeysWorker.class,
        DecryptAggregateWorker.class, AggregateEncryptedWorker.class, DecryptAndAverageWorker.class,
        IiotPartialDecryptWorker.class, AuditorPartialDecryptWorker.class, CloudPartialDecryptWorker.class,
        CombinePartialDecryptionsWorker.class}) {
      assertThat(context.getBeansOfType(other)).as(other.getSimpleName()).isEmpty();
    }
  }
}
