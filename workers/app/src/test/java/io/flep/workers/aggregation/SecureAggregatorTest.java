package io.flep.workers.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.store.ArtifactStore;
import io.flep.workers.store.KeyVault;
import io.flep.workers.store.Ref;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The secure-aggregation rules on the real private database, key vault and paillier plugin. */
class SecureAggregatorTest extends EmbeddedFlepTest {
  static final String HOLDER = "iiot-services";
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3");

  @Autowired SecureAggregator aggregator;
  @Autowired ContributionSigner signer;
  @Autowired PluginRegistry plugins;
  @Autowired KeyVault vault;
  @Autowired AggregationPolicies policies;
  @Autowired ArtifactStore artifacts;
  @Autowired JdbcTemplate jdbc;

  UUID runId;
  Ref heKey;
  HomomorphicEncryption analystScheme;

  @BeforeEach
  void issueKey() throws Exception {
    runId = UUID.randomUUID();
    KeyMaterial key = plugins.homomorphicScheme("paillier").generateKeyPair(
        PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true"), new SecureRandom());
    heKey = vault.store(null, KeyVault.Purpose.HOMOMORPHIC, HOLDER, key);
    policies.store(heKey.id(), new AggregationPolicy(2, ANALYSTS));
    analystScheme = plugins.homomorphicScheme("paillier").newEncryption(key.publicOnly());
  }

  private Ref contribute(String analyst, int round, double... values) {
    Ref ref = store(analystScheme.encrypt(values), analyst);
    signer.sign(runId, round, analyst, heKey.id(), ref);
    return ref;
  }

  private Ref store(HeCiphertext c, String owner) {
    return artifacts.put(null, new ArtifactStore.NewArtifact("encrypted-update", owner,
        "application/vnd.flep.he-ciphertext", c.toBytes(), null));
  }

  private SecureAggregator.DecryptedSum decrypt(int round, List<Ref> updates, Optional<Ref> cloud) throws Exception {
    return aggregator.decryptRound(runId, round, heKey, updates, cloud, HOLDER);
  }

  @Test
  void decryptsOnlyTheSumOfTheSignedUpdatesAndChecksTheCloudsAggregate() throws Exception {
    List<Ref> updates = List.of(contribute("analyst-1", 1, 1.5, -2), contribute("analyst-2", 1, 0.25, 4),
        contribute("analyst-3", 1, -1, 1));
    HomomorphicEncryption cloud = analystScheme;
    HeCiphertext sum = null;
    for (Ref u : updates) {
      HeCiphertext c = cloud.parse(artifacts.get(u).content());
      sum = sum == null ? c : cloud.add(sum, c);
    }

    SecureAggregator.DecryptedSum result = decrypt(1, updates, Optional.of(store(sum, "flep-cloud")));

    assertThat(result.analysts()).containsExactly("analyst-1", "analyst-2", "analyst-3");
    assertThat(result.sum()[0]).isCloseTo(0.75, within(1e-5));
    assertThat(result.sum()[1]).isCloseTo(3.0, within(1e-5));
    assertThat(jdbc.queryForObject("select contributors from aggregate_decryption where key_id = ? and round = 1",
        Integer.class, heKey.id())).isEqualTo(3);
  }

  @Test
  void fewerContributorsThanThePolicyRequiresAreNeverDecrypted() {
    List<Ref> one = List.of(contribute("analyst-1", 1, 42));

    assertThatThrownBy(() -> decrypt(1, one, Optional.empty()))
        .isInstanceOf(AggregationRefusedException.class)
        .hasMessage("round 1 has 1 verified contribution but the key's policy requires at least 2 distinct analysts"
            + " before an aggregate is decrypted");
    assertThat(jdbc.queryForObject("select count(*) from aggregate_decryption where key_id = ?", Integer.class,
        heKey.id())).isZero();
  }

  @Test
  void theSameAnalystTwiceDoesNotCountAsTwoContributors() {
    List<Ref> twice = List.of(contribute("analyst-1", 1, 1), contribute("analyst-1", 1, 1));

    assertThatThrownBy(() -> decrypt(1, twice, Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageStartingWith("analyst 'analyst-1' contributes more than one update to round 1");
  }

  @Test
  void anUpdateReplayedFromAnEarlierRoundIsDetected() {
    Ref old = contribute("analyst-1", 1, 1);
    List<Ref> round2 = List.of(old, contribute("analyst-2", 2, 1));

    assertThatThrownBy(() -> decrypt(2, round2, Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("signature of 'analyst-1' on encrypted update " + old.id())
        .hasMessageContaining("replayed from another round");
  }

  @Test
  void anUpdateSwappedUnderAnAnalystsSignatureIsDetected() {
    Ref genuine = contribute("analyst-1", 1, 1);
    Ref forged = store(analystScheme.encrypt(new double[] {5}), "flep-cloud");
    jdbc.update("insert into contribution (update_artifact_id, key_id, round, analyst, signature)"
        + " select ?, key_id, round, analyst, signature from contribution where update_artifact_id = ?",
        forged.id(), genuine.id());

    assertThatThrownBy(() -> decrypt(1, List.of(forged, contribute("analyst-2", 1, 1)), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("does not verify");
  }

  @Test
  void anUnsignedUpdateOrAnUnknownAnalystIsRejected() {
    Ref unsigned = store(analystScheme.encrypt(new double[] {1}), "analyst-2");
    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1), unsigned), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessage("encrypted update " + unsigned.id() + " carries no analyst signature");

    Ref stranger = contribute("analyst-9", 1, 1);
    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1), stranger), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("claims analyst 'analyst-9', who is not among the analysts this key was issued for");
  }

  @Test
  void aCloudAggregateThatIsNotTheSumOfTheUpdatesIsAnIntegrityViolation() {
    List<Ref> updates = List.of(contribute("analyst-1", 1, 1), contribute("analyst-2", 1, 2));
    Ref tampered = store(analystScheme.encrypt(new double[] {3}), "flep-cloud"); // right value, wrong ciphertext

    assertThatThrownBy(() -> decrypt(1, updates, Optional.of(tampered)))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("is not the sum of the round's 2 signed updates");
  }

  @Test
  void aRoundIsDecryptedOnceAndOnlyARetryOfTheSameAggregatePasses() throws Exception {
    Ref a1 = contribute("analyst-1", 1, 1);
    Ref a2 = contribute("analyst-2", 1, 2);
    Ref a3 = contribute("analyst-3", 1, 4);
    assertThat(decrypt(1, List.of(a1, a2, a3), Optional.empty()).sum()[0]).isCloseTo(7, within(1e-5));
    assertThat(decrypt(1, List.of(a1, a2, a3), Optional.empty()).sum()[0]).as("retried task").isCloseTo(7, within(1e-5));

    // the difference of two aggregates would reveal analyst-3's update
    assertThatThrownBy(() -> decrypt(1, List.of(a1, a2), Optional.empty()))
        .isInstanceOf(AggregationRefusedException.class)
        .hasMessageStartingWith("round 1 was already decrypted");
    assertThat(decrypt(2, List.of(contribute("analyst-1", 2, 1), contribute("analyst-2", 2, 1)), Optional.empty())
        .contributors()).as("the next round is a new round").isEqualTo(2);
  }

  @Test
  void anUpdateUnderAnotherKeyIsRejected() throws Exception {
    KeyMaterial other = plugins.homomorphicScheme("paillier").generateKeyPair(
        PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true"), new SecureRandom());
    HomomorphicEncryption foreign = plugins.homomorphicScheme("paillier").newEncryption(other.publicOnly());
    Ref ref = store(foreign.encrypt(new double[] {1}), "analyst-2");
    signer.sign(runId, 1, "analyst-2", heKey.id(), ref);

    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1), ref), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("is not valid under the round's key");
  }

  @Test
  void anUpdateOfAnotherLengthIsRejectedNamingIt() {
    Ref shorter = contribute("analyst-2", 1, 1);
    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1, 2), shorter), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessage("encrypted update " + shorter.id() + " of 'analyst-2' holds 1 values, the round's other updates 2");
  }

  @Test
  void onlyAKeyHolderCanDecryptAtAll() {
    List<Ref> updates = new ArrayList<>(List.of(contribute("analyst-1", 1, 1), contribute("analyst-2", 1, 1)));
    assertThatThrownBy(() -> aggregator.decryptRound(runId, 1, heKey, updates, Optional.empty(), "flep-cloud"))
        .isInstanceOf(io.flep.workers.failure.KeyAccessDeniedException.class);
  }
}
