package io.flep.workers.iiot;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.flep.plugin.api.he.HeParameters;
import io.flep.plugin.api.he.HomomorphicSchemeProvider;
import io.flep.plugin.api.he.KeyPreparation;
import io.flep.plugin.api.key.KeyMaterial;
import io.flep.plugin.api.param.ParameterSet;
import io.flep.plugin.api.param.ParameterValues;
import io.flep.plugin.host.PluginRegistry;
import io.flep.workers.aggregation.HomomorphicKeys;
import io.flep.exchange.ExchangeRef;
import io.flep.exchange.PartyCredential;
import io.flep.plugin.api.key.SecretAccess;
import io.flep.workers.party.ExchangeKinds;
import io.flep.workers.party.ExchangeObjects;
import io.flep.workers.party.PartyIdentities;
import io.flep.workers.party.PartyIdentity;
import io.flep.workers.config.Roles;
import java.util.Arrays;
import java.util.UUID;
import io.flep.workers.aggregation.AggregationPolicy;
import io.flep.workers.aggregation.Shareholders;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.IiotRole;
import io.flep.workers.config.Parties;
import io.flep.workers.failure.BadInputException;
import io.flep.workers.store.KeyVault;
import io.flep.workers.task.JobTypes;
import io.flep.workers.task.JobVariables;
import io.flep.workers.task.PluginDefaults;
import io.flep.workers.task.Stage;
import io.flep.workers.task.StageRunner;
import io.flep.workers.task.TaskResult;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.flep.workers.policy.OwnMinimums;
import io.flep.workers.policy.RunPolicies;
import io.flep.workers.policy.RunPolicy;

/**
 * Share keys: the IIoT services, the only party meant to decrypt aggregates, create the homomorphic key pair
 * and give its public half to the analysts (to encrypt updates) and the cloud (to aggregate them).
 */
@IiotRole
public class IssueHeKeysWorker {
  /** Fewer than two contributors would let the key holder read one analyst's update. */

  private final StageRunner runner;
  private final PluginRegistry plugins;
  private final KeyVault keys;
  private final FlepProperties properties;
  private final PartyIdentities identities;
  private final ExchangeObjects exchange;
  private final SecureRandom random = new SecureRandom();

  private final RunPolicies policies;

  public IssueHeKeysWorker(StageRunner runner, PluginRegistry plugins, KeyVault keys, FlepProperties properties,
      PartyIdentities identities, ExchangeObjects exchange, RunPolicies policies) {
    this.policies = policies;
    this.identities = identities;
    this.exchange = exchange;
    this.runner = runner;
    this.plugins = plugins;
    this.keys = keys;
    this.properties = properties;
  }

  @JobWorker(type = JobTypes.ISSUE_HE_KEYS)
  public Map<String, Object> issue(ActivatedJob job) {
    return runner.run(job, Stage.SHARE_KEYS, Parties.IIOT_SERVICES, () -> {
      JobVariables vars = new JobVariables(job);
      RunPolicy runPolicy = policies.of(vars);
      String schemeId = vars.pluginChoice("heScheme", runPolicy.heScheme(), PluginDefaults.HE_SCHEME);
      List<String> analysts = runPolicy.analysts();
      HomomorphicSchemeProvider provider = plugins.homomorphicScheme(schemeId);
      ParameterSet declared = provider.parameters();
      ParameterValues options = vars.pluginOptions("heScheme", schemeId, declared, runPolicy.heSchemeOptions());
      if (declared.declares(HeParameters.MAX_CONTRIBUTORS)) {
        options = options.withDefault(HeParameters.MAX_CONTRIBUTORS, Math.max(analysts.size(), 2),
            "the run's " + analysts.size() + " analysts");
      }
      int threshold = declared.declares(HeParameters.THRESHOLD) ? options.get(HeParameters.THRESHOLD) : 0;
      if (threshold > 0) {
        int holders = Shareholders.ROLES.size();
        if (options.isSet(HeParameters.SHAREHOLDERS) && options.get(HeParameters.SHAREHOLDERS) != holders) {
          throw new BadInputException("the lifecycle has " + holders + " share holders " + Shareholders.ROLES
              + ", so heScheme option 'shareholders' must be " + holders + " or absent, got "
              + options.get(HeParameters.SHAREHOLDERS));
        }
        options = options.withDefault(HeParameters.SHAREHOLDERS, holders, "the lifecycle's share holders");
      }
      AggregationPolicy policy = new AggregationPolicy(runPolicy.minContributors(), analysts);
      PartyIdentity me = identities.of(Parties.IIOT_SERVICES, Roles.IIOT);
      UUID runId = vars.runId();
      long onDemandBefore = provider.keyPreparation(options).generatedOnDemand();
      KeyMaterial keyPair = provider.generateKeyPair(options, random);
      // the slow part of the next key of these options (a threshold key's safe primes) is prepared in the background
      provider.prepareKeyPairs(options, 1);
      KeyPreparation preparation = provider.keyPreparation(options);
      // the countersignature of the policy's HE part: checked before the key is published under the policy
      OwnMinimums.check(runPolicy, provider.newEncryption(keyPair).keyBits(), properties.policy(),
          "the IIoT services");
      Map<String, String> attributes = new LinkedHashMap<>(policy.toAttributes());
      attributes.put(RunPolicies.POLICY_ATTRIBUTE, vars.exchangeRef(RunPolicies.VARIABLE).address());
      attributes.put("scheme", schemeId);
      attributes.put("threshold", Integer.toString(threshold));
      if (threshold == 0) {
        // the secret stays in this party's store; only the trusted path ever seals it to a cloud
        attributes.put(HomomorphicKeys.KEY_ID,
            keys.store(runId, KeyVault.Purpose.HOMOMORPHIC, Parties.IIOT_SERVICES, keyPair).id().toString());
      }
      ExchangeRef keyRef = exchange.publish(me, runId, ExchangeKinds.HE_PUBLIC_KEY, attributes,
          keyPair.serializePublic());
      Map<String, Object> shareRefs = new LinkedHashMap<>();
      if (threshold > 0) {
        // the dealt key holds every share: each is sealed to its holder, and the full key is never stored
        List<KeyMaterial> shares = provider.splitShares(keyPair);
        for (int i = 0; i < shares.size(); i++) {
          String role = Shareholders.ROLES.get(i);
          PartyCredential holder = exchange.credentialOf(Shareholders.party(role, runPolicy.cloud()), role);
          byte[] share = shares.get(i).serializeSecret(SecretAccess.get());
          try {
            byte[] box = exchange.seal(holder, runId, keyRef.address(), HomomorphicKeys.SHARE_PURPOSE, share);
            shareRefs.put(role, exchange.publish(me, runId, ExchangeKinds.HE_KEY_SHARE, Map.of(
                HomomorphicKeys.HE_KEY, keyRef.address(), "recipient", holder.partyId(),
                "index", Integer.toString(i + 1)), box).toVariable());
          } finally {
            Arrays.fill(share, (byte) 0);
          }
        }
      }
      Map<String, Object> out = new LinkedHashMap<>();
      Map<String, Object> details = new LinkedHashMap<>(Map.of("plugin", schemeId, "options", options.toMap(),
          "minContributors", policy.minContributors(), "threshold", threshold));
      if (preparation.generated() > 0) {
        details.put("keyPreparedAhead", preparation.generatedOnDemand() == onDemandBefore);
        details.put("keyPreparationMeanMs", preparation.meanGenerationTime().toMillis());
      }
      out.put("heKeyRef", keyRef.toVariable());
      out.put("heThreshold", threshold);
      out.put("decryptionShareholders", threshold > 0 ? Shareholders.ROLES : List.of());
      out.put("heShareRefs", shareRefs);
      return TaskResult.of(out, details);
    });
  }
}
