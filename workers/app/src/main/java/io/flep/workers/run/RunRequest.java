package io.flep.workers.run;

import io.flep.workers.privacy.DifferentialPrivacy;
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
    Map<String, String> heSchemeOptions) {

  public static final List<String> CLOUD_MODES = List.of("trusted", "untrusted", "policy");
  public static final int MAX_ANALYSTS = 32;
  /** Fewer than two contributors would let the key holder read one analyst's update. */
  public static final int DEFAULT_MIN_CONTRIBUTORS = 2;

  /** A request without data-cipher options (the task headers' apply) and the default minimum of contributors. */
  public RunRequest(int analysts, int rounds, String cloudMode, double targetAccuracy, String dataSource,
      String dataCipher, String heScheme, long seed) {
    this(analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, heScheme, seed, Map.of());
  }

  /** A request with the default minimum of contributors. */
  public RunRequest(int analysts, int rounds, String cloudMode, double targetAccuracy, String dataSource,
      String dataCipher, String heScheme, long seed, Map<String, String> dataCipherOptions) {
    this(analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, heScheme, seed, dataCipherOptions,
        DEFAULT_MIN_CONTRIBUTORS, null);
  }

  /** A request without differential privacy. */
  public RunRequest(int analysts, int rounds, String cloudMode, double targetAccuracy, String dataSource,
      String dataCipher, String heScheme, long seed, Map<String, String> dataCipherOptions, int minContributors) {
    this(analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, heScheme, seed, dataCipherOptions,
        minContributors, null, Map.of());
  }

  /** A request with the HE key's default options (the task headers' apply). */
  public RunRequest(int analysts, int rounds, String cloudMode, double targetAccuracy, String dataSource,
      String dataCipher, String heScheme, long seed, Map<String, String> dataCipherOptions, int minContributors,
      DifferentialPrivacy privacy) {
    this(analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, heScheme, seed, dataCipherOptions,
        minContributors, privacy, Map.of());
  }

  /** The differential-privacy settings, if the run adds DP-FedAvg noise. */
  public Optional<DifferentialPrivacy> differentialPrivacy() {
    return Optional.ofNullable(privacy);
  }

  public RunRequest {
    if (analysts < 1 || analysts > MAX_ANALYSTS) {
      throw new IllegalArgumentException("--analysts must be between 1 and " + MAX_ANALYSTS + ", got " + analysts);
    }
    if (minContributors < 1) {
      throw new IllegalArgumentException("--min-contributors must be at least 1, got " + minContributors);
    }
    if (minContributors > analysts) {
      throw new IllegalArgumentException("--min-contributors is " + minContributors + " but the run has only "
          + analysts + " analyst" + (analysts == 1 ? "" : "s") + ": an aggregate of fewer would never be decrypted."
          + " Use --analysts " + minContributors + " or more, or lower --min-contributors (with 1, the key holder"
          + " can read a lone analyst's update)");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
    }
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
