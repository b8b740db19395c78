package io.flep.workers.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flep.exchange.ExchangeRef;
import io.flep.exchange.ExchangeStorage;
import io.flep.exchange.Producer;
import io.flep.exchange.storage.DirectoryStorage;
import io.flep.plugin.api.PluginOptions;
import io.flep.plugin.api.he.HeCiphertext;
import io.flep.plugin.api.he.HomomorphicEncryption;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.failure.AggregationRefusedException;
import io.flep.workers.failure.IntegrityViolationException;
import io.flep.workers.failure.KeyAccessDeniedException;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import io.flep.workers.store.KeyVault;
import io.flep.workers.testing.EmbeddedFlepTest;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The secure-aggregation rules on the real exchange, private store, HPKE sealing and paillier plugin. */
class SecureAggregatorTest extends EmbeddedFlepTest {
  static final List<String> ANALYSTS = List.of("analyst-1", "analyst-2", "analyst-3");

  @Autowired SecureAggregator aggregator;
  @Autowired EncryptedUpdates updates;
  @Autowired HomomorphicKeys heKeys;
  @Autowired PartyIdentities identities;
  @Autowired ExchangeObjects exchange;
  @Autowired ExchangeStorage storage;
  @Autowired PluginRegistry plugins;
  @Autowired KeyVault vault;
  @Autowired JdbcTemplate jdbc;

  UUID runId;
  PartyIdentity iiot;
  PartyIdentity cloud;
  KeyMaterial keyPair;
  ExchangeRef heKey;
  HomomorphicKeys.Bound bound;

  @BeforeEach
  void issueKey() throws Exception {
    runId = UUID.randomUUID();
    iiot = identities.of("iiot-services", Roles.IIOT);
    cloud = identities.of("flep-cloud", Roles.CLOUD);
    keyPair = newKeyPair();
    heKey = issue(keyPair, new AggregationPolicy(2, ANALYSTS));
    bound = heKeys.withPublicKey(heKey);
  }

  private KeyMaterial newKeyPair() throws Exception {
    return plugins.homomorphicScheme("paillier").generateKeyPair(
        PluginOptions.empty().with("keyBits", "1024").with("allowWeakKeys", "true"), new SecureRandom());
  }

  private ExchangeRef issue(KeyMaterial pair, AggregationPolicy policy) {
    Map<String, String> attributes = new LinkedHashMap<>(policy.toAttributes());
    attributes.put(HomomorphicKeys.KEY_ID,
        vault.store(null, KeyVault.Purpose.HOMOMORPHIC, iiot.partyId(), pair).id().toString());
    return exchange.publish(iiot, runId, ExchangeKinds.HE_PUBLIC_KEY, attributes, pair.serializePublic());
  }

  private ExchangeRef contribute(String analyst, int round, double... values) {
    return updates.publish(identities.of(analyst, Roles.ANALYST), bound, round, bound.encryption().encrypt(values));
  }

  private ExchangeRef cloudAggregate(HeCiphertext sum) {
    return exchange.publish(cloud, runId, ExchangeKinds.ENCRYPTED_AGGREGATE, Map.of(), sum.toBytes());
  }

  private SecureAggregator.DecryptedSum decrypt(int round, List<ExchangeRef> refs, Optional<ExchangeRef> aggregate)
      throws Exception {
    return aggregator.decryptRound(round, heKey, refs, aggregate, iiot, null);
  }

  @Test
  void decryptsOnlyTheSumOfTheSignedUpdatesAndChecksTheCloudsAggregate() throws Exception {
    List<ExchangeRef> refs = List.of(contribute("analyst-1", 1, 1.5, -2), contribute("analyst-2", 1, 0.25, 4),
        contribute("analyst-3", 1, -1, 1));
    HeCiphertext sum = null;
    for (EncryptedUpdates.Contribution c : updates.load(bound, 1, refs)) {
      sum = sum == null ? c.update() : bound.encryption().add(sum, c.update());
    }

    SecureAggregator.DecryptedSum result = decrypt(1, refs, Optional.of(cloudAggregate(sum)));

    assertThat(result.analysts()).containsExactly("analyst-1", "analyst-2", "analyst-3");
    assertThat(result.sum()[0]).isCloseTo(0.75, within(1e-5));
    assertThat(result.sum()[1]).isCloseTo(3.0, within(1e-5));
    assertThat(jdbc.queryForObject("select contributors from decryption_claim where he_key = ? and round = 1",
        Integer.class, heKey.address())).isEqualTo(3);
  }

  @Test
  void fewerContributorsThanThePolicyRequiresAreNeverDecrypted() {
    List<ExchangeRef> one = List.of(contribute("analyst-1", 1, 42));

    assertThatThrownBy(() -> decrypt(1, one, Optional.empty()))
        .isInstanceOf(AggregationRefusedException.class)
        .hasMessage("round 1 has 1 verified contribution but the key's policy requires at least 2 distinct analysts"
            + " before an aggregate is decrypted");
    assertThat(jdbc.queryForObject("select count(*) from decryption_claim where he_key = ?", Integer.class,
        heKey.address())).isZero();
  }

  @Test
  void theSameAnalystTwiceDoesNotCountAsTwoContributors() {
    List<ExchangeRef> twice = List.of(contribute("analyst-1", 1, 1), contribute("analyst-1", 1, 2));

    assertThatThrownBy(() -> decrypt(1, twice, Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageStartingWith("analyst 'analyst-1' contributes more than one update to round 1");
  }

  @Test
  void anAggregateReUsingAContributionDecryptedInAnotherRoundIsRefused() throws Exception {
    // analyst-1's update of round 1, re-signed for round 2 with the very same ciphertext (a fooled or replaying
    // analyst): decrypting {1, 2} in round 1 and {1, 3} in round 2 would single out analyst-2 minus analyst-3
    HeCiphertext reused = bound.encryption().encrypt(new double[] {7, 7});
    ExchangeRef first = updates.publish(identities.of("analyst-1", Roles.ANALYST), bound, 1, reused);
    decrypt(1, List.of(first, contribute("analyst-2", 1, 1, 2)), Optional.empty());
    ExchangeRef again = updates.publish(identities.of("analyst-1", Roles.ANALYST), bound, 2, reused);

    assertThatThrownBy(() -> decrypt(2, List.of(again, contribute("analyst-3", 2, 3, 4)), Optional.empty()))
        .isInstanceOf(AggregationRefusedException.class)
        .hasMessageContaining("the contribution of analyst 'analyst-1' in round 2")
        .hasMessageContaining("was already decrypted in round 1");
    assertThat(jdbc.queryForObject("select count(*) from decryption_claim where he_key = ? and round = 2",
        Integer.class, heKey.address())).as("nothing of round 2 was decrypted").isZero();
  }

  @Test
  void anUpdateReplayedFromAnEarlierRoundIsDetected() {
    ExchangeRef old = contribute("analyst-1", 1, 1);
    List<ExchangeRef> round2 = List.of(old, contribute("analyst-2", 2, 1));

    assertThatThrownBy(() -> decrypt(2, round2, Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("encrypted update " + old)
        .hasMessageContaining("replayed from another round");
  }

  @Test
  void anUpdateSwappedInTheExchangeIsDetected() throws Exception {
    ExchangeRef genuine = contribute("analyst-1", 1, 1);
    ExchangeRef other = contribute("analyst-1", 1, 5);
    DirectoryStorage dir = (DirectoryStorage) storage;
    Files.copy(dir.root().resolve(other.key()), dir.root().resolve(genuine.key()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> decrypt(1, List.of(genuine, contribute("analyst-2", 1, 1)), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("was altered");
  }

  @Test
  void anUpdateReSignedByAnotherPartyOrFromAnUnknownAnalystIsRejected() {
    PartyIdentity analyst2 = identities.of("analyst-2", Roles.ANALYST);
    Producer analyst2AsAnalyst1 = new Producer() {
      public String partyId() {
        return "analyst-1";
      }

      public String role() {
        return Roles.ANALYST;
      }

      public byte[] sign(byte[] message) {
        return analyst2.sign(message);
      }
    };
    ExchangeRef forged = new io.flep.exchange.Exchange(storage, identities.directory()).publish(analyst2AsAnalyst1,
        runId, ExchangeKinds.ENCRYPTED_UPDATE, Map.of("round", "1", HomomorphicKeys.HE_KEY, heKey.address()),
        bound.encryption().encrypt(new double[] {100}).toBytes());
    assertThatThrownBy(() -> decrypt(1, List.of(forged, contribute("analyst-3", 1, 1)), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("is not 'analyst-1''s");

    ExchangeRef stranger = contribute("analyst-9", 1, 1);
    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1), stranger), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("comes from 'analyst-9', who is not among the analysts this key was issued for");
  }

  @Test
  void aCloudAggregateThatIsNotTheSumOfTheUpdatesIsAnIntegrityViolation() {
    List<ExchangeRef> refs = List.of(contribute("analyst-1", 1, 1), contribute("analyst-2", 1, 2));
    ExchangeRef tampered = cloudAggregate(bound.encryption().encrypt(new double[] {3})); // right value, wrong ciphertext

    assertThatThrownBy(() -> decrypt(1, refs, Optional.of(tampered)))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("is not the sum of the round's 2 signed updates");
  }

  @Test
  void aRoundIsDecryptedOnceAndOnlyARetryOfTheSameAggregatePasses() throws Exception {
    ExchangeRef a1 = contribute("analyst-1", 1, 1);
    ExchangeRef a2 = contribute("analyst-2", 1, 2);
    ExchangeRef a3 = contribute("analyst-3", 1, 4);
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
    ExchangeRef otherKey = issue(newKeyPair(), new AggregationPolicy(2, ANALYSTS));
    ExchangeRef foreign = updates.publish(identities.of("analyst-2", Roles.ANALYST), heKeys.withPublicKey(otherKey), 1,
        heKeys.withPublicKey(otherKey).encryption().encrypt(new double[] {1}));

    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1), foreign), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessageContaining("replayed from another round or run");
  }

  @Test
  void anUpdateOfAnotherLengthIsRejectedNamingIt() {
    ExchangeRef shorter = contribute("analyst-2", 1, 1);
    assertThatThrownBy(() -> decrypt(1, List.of(contribute("analyst-1", 1, 1, 2), shorter), Optional.empty()))
        .isInstanceOf(IntegrityViolationException.class)
        .hasMessage("encrypted update " + shorter + " of 'analyst-2' holds 1 values, the round's other updates 2");
  }

  @Test
  void onlyTheIssuerOrTheRecipientOfTheSealedKeyCanDecrypt() throws Exception {
    List<ExchangeRef> refs = List.of(contribute("analyst-1", 1, 1), contribute("analyst-2", 1, 1));
    assertThatThrownBy(() -> aggregator.decryptRound(1, heKey, refs, Optional.empty(), cloud, null))
        .isInstanceOf(KeyAccessDeniedException.class);

    byte[] secret = keyPair.serializeSecret(SecretAccess.get());
    byte[] box = exchange.seal(exchange.credentialOf("flep-cloud", Roles.CLOUD), runId, heKey.address(),
        HomomorphicKeys.SECRET_KEY_PURPOSE, secret);
    ExchangeRef sealed = exchange.publish(iiot, runId, ExchangeKinds.HE_SECRET_KEY,
        Map.of(HomomorphicKeys.HE_KEY, heKey.address(), "recipient", "flep-cloud"), box);

    assertThat(aggregator.decryptRound(1, heKey, refs, Optional.empty(), cloud, sealed).sum()[0])
        .isCloseTo(2, within(1e-5));
    PartyIdentity analyst = identities.of("analyst-1", Roles.ANALYST);
    assertThatThrownBy(() -> aggregator.decryptRound(1, heKey, refs, Optional.empty(), analyst, sealed))
        .as("a box sealed to the cloud does not open for an analyst who copies it")
        .isInstanceOf(IntegrityViolationException.class).hasMessageContaining("does not open");
  }
}
