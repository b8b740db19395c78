package io.flep.workers.run;

import java.util.List;
import java.util.Map;

/**
 * The result of one run as {@code flep run --report} writes it (schema documented in the README).
 *
 * @param mode {@code evaluation} when the run's parties handed plaintexts to an in-memory evaluator for the
 *     comparisons ({@code ./flep run}), {@code deployment} when nobody held them (no comparisons)
 * @param status COMPLETED, REJECTED (a business rule stopped it), FAILED (an incident) or TIMED_OUT
 * @param failure one line saying why the run did not complete, or null
 * @param participation per closed round, which of the policy's analysts contributed and which missed the round
 *     deadline, with K and the deadline (a refused round too)
 * @param decryption per analyst and round, how faithful its decrypted shard is
 * @param maxAbsDiffVsPlaintextFedAvg of the final round, or null when not verified
 * @param privacy the differential-privacy guarantee of the published model, or null when the run added no noise
 * @param policy the run policy the data owner signed (its exchange address and the rules it set), or null when the
 *     report was built without it
 */
public record RunReport(
    String runId,
    String engine,
    String mode,
    String status,
    String outcome,
    String failure,
    int analysts,
    int roundsRequested,
    String cloudMode,
    Map<String, String> plugins,
    List<Stage> stages,
    List<Round> rounds,
    List<Participation> participation,
    List<Decryption> decryption,
    Double finalAccuracy,
    Double maxAbsDiffVsPlaintextFedAvg,
    Privacy privacy,
    Policy policy,
    List<Party> parties,
    long totalMs) {

  public RunReport {
    participation = participation == null ? List.of() : participation; // a report written before it existed
  }

  /** A party of the run as this process started it: its data directory, and its process id when it has its own. */
  public record Party(String role, String id, String dataDir, Long pid) {}

  /** The same report, listing the parties that ran it. */
  public RunReport withParties(List<Party> parties) {
    return new RunReport(runId, engine, mode, status, outcome, failure, analysts, roundsRequested, cloudMode,
        plugins, stages, rounds, participation, decryption, finalAccuracy, maxAbsDiffVsPlaintextFedAvg, privacy, policy,
        List.copyOf(parties), totalMs);
  }

  /**
   * The signed run policy: where it is in the exchange, K, how long a round waits for the analysts (ISO-8601), the
   * clouds it trusts with a secret key, and whether the run reproduces the paper (a cipher marked not-secure was
   * allowed).
   */
  public record Policy(String address, int minContributors, String roundDeadline, List<String> trustedClouds,
      boolean reproduction) {}

  /**
   * A stage line: name, status, work time summed over its task executions, and how many task executions it had
   * (every analyst, round and party; failed attempts that were retried are not counted).
   */
  public record Stage(String name, String status, long ms, int executions) {}

  /**
   * A federated round: accuracy on the held-out split, the aggregation path taken, and (single-machine checks,
   * null when not verified) how far the global model is from plain FedAvg of the same local models and that
   * model's accuracy.
   */
  public record Round(int round, double accuracy, String path, Double maxAbsDiffVsPlaintextFedAvg,
      Double plaintextAccuracy) {}

  /**
   * A closed round, as the IIoT services stated it when they closed it: the policy's analysts whose signed update
   * arrived ({@code contributors}) and those that missed the round deadline ({@code missed}, skipped for the round),
   * K and the deadline. {@code refused}: fewer than K contributed, the run ended as aggregation refused.
   */
  public record Participation(int round, List<String> contributors, List<String> missed, int minContributors,
      String roundDeadline, boolean refused) {}

  /**
   * An analyst's decryption of its shard (once per run, in the first round): {@code psnrDb} over all pixels of
   * the shard against the plaintext (null when {@code identical}, or when not verified: then {@code identical}
   * is null too).
   */
  public record Decryption(String analyst, Integer round, int images, Double psnrDb, Boolean identical) {}

  /**
   * DP-FedAvg over the rounds that published a model: (ε, δ)-DP per analyst by the Rényi accountant. Each analyst
   * adds its share of the noise for K contributors, so every decrypted round (at least K contributions) carries at
   * least the full noise, whoever missed it.
   */
  public record Privacy(double noiseMultiplier, double clipNorm, double delta, int rounds, double epsilon) {}

  public boolean completed() {
    return "COMPLETED".equals(status);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a report field by field; lists and the plugin map default to empty, everything else to null or 0. */
  public static final class Builder {
    private String runId;
    private String engine;
    private String mode = "deployment";
    private String status;
    private String outcome;
    private String failure;
    private int analysts;
    private int roundsRequested;
    private String cloudMode;
    private Policy policy;
    private Map<String, String> plugins = Map.of();
    private List<Stage> stages = List.of();
    private List<Round> rounds = List.of();
    private List<Participation> participation = List.of();
    private List<Decryption> decryption = List.of();
    private Double finalAccuracy;
    private Double maxAbsDiffVsPlaintextFedAvg;
    private Privacy privacy;
    private long totalMs;

    private Builder() {}

    public Builder runId(String runId) {
      this.runId = runId;
      return this;
    }

    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    public Builder engine(String engine) {
      this.engine = engine;
      return this;
    }

    public Builder status(String status) {
      this.status = status;
      return this;
    }

    public Builder outcome(String outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder failure(String failure) {
      this.failure = failure;
      return this;
    }

    public Builder analysts(int analysts) {
      this.analysts = analysts;
      return this;
    }

    public Builder roundsRequested(int roundsRequested) {
      this.roundsRequested = roundsRequested;
      return this;
    }

    public Builder cloudMode(String cloudMode) {
      this.cloudMode = cloudMode;
      return this;
    }

    public Builder plugins(Map<String, String> plugins) {
      this.plugins = plugins;
      return this;
    }

    public Builder stages(List<Stage> stages) {
      this.stages = stages;
      return this;
    }

    public Builder rounds(List<Round> rounds) {
      this.rounds = rounds;
      return this;
    }

    public Builder participation(List<Participation> participation) {
      this.participation = participation;
      return this;
    }

    public Builder decryption(List<Decryption> decryption) {
      this.decryption = decryption;
      return this;
    }

    public Builder finalAccuracy(Double finalAccuracy) {
      this.finalAccuracy = finalAccuracy;
      return this;
    }

    public Builder maxAbsDiffVsPlaintextFedAvg(Double maxAbsDiffVsPlaintextFedAvg) {
      this.maxAbsDiffVsPlaintextFedAvg = maxAbsDiffVsPlaintextFedAvg;
      return this;
    }

    public Builder privacy(Privacy privacy) {
      this.privacy = privacy;
      return this;
    }

    public Builder policy(Policy policy) {
      this.policy = policy;
      return this;
    }

    public Builder totalMs(long totalMs) {
      this.totalMs = totalMs;
      return this;
    }

    public RunReport build() {
      return new RunReport(runId, engine, mode, status, outcome, failure, analysts, roundsRequested, cloudMode, plugins, stages, rounds, participation, decryption, finalAccuracy, maxAbsDiffVsPlaintextFedAvg, privacy, policy, List.of(), totalMs);
    }
  }
}
