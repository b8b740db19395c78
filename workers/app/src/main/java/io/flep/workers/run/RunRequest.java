package io.flep.workers.run;

import io.flep.workers.policy.PolicyRuleException;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.privacy.DifferentialPrivacy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * What a lifecycle run is asked to do. Validated on construction so that a bad option fails before anything
 * is stored or started.
 */
public record RunRequest(
    int analysts,
    int rounds,
    String cloudMode,
    double targetAccuracy,
    String dataSource,
    String dataCipher,
    String heScheme,
    long seed,
    Map<String, String> dataCipherOptions,
    int minContributors,
    DifferentialPrivacy privacy,
    Map<String, String> heSchemeOptions,
    boolean reproduction,
    Duration roundDeadline) {

  public static final List<String> CLOUD_MODES = List.of("trusted", "untrusted", "policy");
  public static final int MAX_ANALYSTS = 32;
  /** K by default; never below {@link RunPolicy#MIN_K} (one contributor's update would be read by the key holder). */
  public static final int DEFAULT_MIN_CONTRIBUTORS = RunPolicy.DEFAULT_K;
  /** How long a round waits for the analysts' updates, by default. */
  public static final Duration DEFAULT_ROUND_DEADLINE = Duration.parse(RunPolicy.DEFAULT_ROUND_DEADLINE);

  /** A request with the defaults of {@code flep run}; set what differs, then {@link Builder#build()} validates. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Options of a run, defaulting to {@code flep run}'s: 3 analysts, 5 rounds, an untrusted cloud, target accuracy 1,
   * the shipped digits, the model's plugins with their task-header options, seed 42, at least 3 contributors, no DP,
   * no paper reproduction, rounds that wait {@link #DEFAULT_ROUND_DEADLINE} for the analysts.
   */
  public static final class Builder {
    private int analysts = 3;
    private int rounds = 5;
    private String cloudMode = "untrusted";
    private double targetAccuracy = 1.0;
    private String dataSource;
    private String dataCipher;
    private String heScheme;
    private long seed = 42;
    private Map<String, String> dataCipherOptions = Map.of();
    private int minContributors = DEFAULT_MIN_CONTRIBUTORS;
    private DifferentialPrivacy privacy;
    private Map<String, String> heSchemeOptions = Map.of();
    private boolean reproduction;
    private Duration roundDeadline = DEFAULT_ROUND_DEADLINE;

    private Builder() {}

    /**
     * How long a round waits for the analysts' updates: it closes when all have contributed or this has passed, with
     * at least K contributions (else the round is refused). Positive.
     */
    public Builder roundDeadline(Duration roundDeadline) {
      this.roundDeadline = roundDeadline;
      return this;
    }

    /** The run reproduces the paper: ciphers marked not-secure are allowed, and the report says so. */
    public Builder reproduction(boolean reproduction) {
      this.reproduction = reproduction;
      return this;
    }

    public Builder analysts(int analysts) {
      this.analysts = analysts;
      return this;
    }

    public Builder rounds(int rounds) {
      this.rounds = rounds;
      return this;
    }

    /** {@code trusted}, {@code untrusted} or {@code policy}. */
    public Builder cloudMode(String cloudMode) {
      this.cloudMode = cloudMode;
      return this;
    }

    public Builder targetAccuracy(double targetAccuracy) {
      this.targetAccuracy = targetAccuracy;
      return this;
    }

    /** A folder of labelled images ({@code DIR/<label>/<name>.png}); null for the shipped digits. */
    public Builder dataSource(String dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The data-cipher plugin; null for the model's task header. */
    public Builder dataCipher(String dataCipher) {
      this.dataCipher = dataCipher;
      return this;
    }

    /** The homomorphic scheme; null for the model's task header. */
    public Builder heScheme(String heScheme) {
      this.heScheme = heScheme;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder dataCipherOptions(Map<String, String> options) {
      this.dataCipherOptions = options;
      return this;
    }

    public Builder minContributors(int minContributors) {
      this.minContributors = minContributors;
      return this;
    }

    /** DP-FedAvg settings; null for none. */
    public Builder differentialPrivacy(DifferentialPrivacy privacy) {
      this.privacy = privacy;
      return this;
    }

    public Builder heSchemeOptions(Map<String, String> options) {
      this.heSchemeOptions = options;
      return this;
    }

    /** @throws IllegalArgumentException naming the option that is out of range */
    public RunRequest build() {
      return new RunRequest(analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, heScheme, seed,
          dataCipherOptions, minContributors, privacy, heSchemeOptions, reproduction, roundDeadline);
    }
  }

  /** The differential-privacy settings, if the run adds DP-FedAvg noise. */
  public Optional<DifferentialPrivacy> differentialPrivacy() {
    return Optional.ofNullable(privacy);
  }

  public RunRequest {
    if (analysts < 1 || analysts > MAX_ANALYSTS) {
      throw new IllegalArgumentException("--analysts must be between 1 and " + MAX_ANALYSTS + ", got " + analysts);
    }
    if (minContributors < RunPolicy.MIN_K) {
      throw new PolicyRuleException("--min-contributors is " + minContributors + ", below " + RunPolicy.MIN_K
          + ": with one contributor the key holder reads that analyst's update");
    }
    if (minContributors > analysts) {
      throw new PolicyRuleException("--min-contributors is " + minContributors + " but the run has only "
          + analysts + " analyst" + (analysts == 1 ? "" : "s") + ": an aggregate of fewer would never be decrypted."
          + " Use --analysts " + minContributors + " or more, or lower --min-contributors (at least "
          + RunPolicy.MIN_K + ")");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
    // null: the run was stored before round deadlines existed
    roundDeadline = roundDeadline == null ? DEFAULT_ROUND_DEADLINE : roundDeadline;
    RunPolicy.requirePositive(roundDeadline, "--round-deadline");
    cloudMode = cloudMode == null ? "" : cloudMode.toLowerCase(Locale.ROOT);
    if (!CLOUD_MODES.contains(cloudMode)) {
      throw new IllegalArgumentException("--cloud must be one of " + CLOUD_MODES + ", got '" + cloudMode + "'");
    }
    if (!(targetAccuracy > 0 && targetAccuracy <= 1.0001)) {
      throw new IllegalArgumentException("--target-accuracy must be in (0, 1], got " + targetAccuracy);
    }
    dataCipherOptions = dataCipherOptions == null ? Map.of() : Map.copyOf(dataCipherOptions);
    for (String option : dataCipherOptions.keySet()) {
      if (!option.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
        throw new IllegalArgumentException("--cipher-option name must be a plugin option name like 'denoiser',"
            + " got '" + option + "'");
      }
    }
    heSchemeOptions = heSchemeOptions == null ? Map.of() : Map.copyOf(heSchemeOptions);
    for (String option : heSchemeOptions.keySet()) {
      if (!option.matches("[A-Za-z][A-Za-z0-9_.-]*")) {
        throw new IllegalArgumentException("--he-option name must be a plugin option name like 'threshold',"
            + " got '" + option + "'");
      }
    }
  }

  public List<String> analystIds() {
    return IntStream.rangeClosed(1, analysts).mapToObj(i -> "analyst-" + i).toList();
  }
}
