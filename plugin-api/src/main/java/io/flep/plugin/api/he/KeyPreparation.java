package io.flep.plugin.api.he;

import java.time.Duration;
import java.util.Objects;

/**
 * What a scheme has prepared ahead of need for generating keys with some options
 * ({@link HomomorphicSchemeProvider#prepareKeyPairs}), and how long preparing one took.
 *
 * @param ready              keys whose slow part is ready, so {@link HomomorphicSchemeProvider#generateKeyPair} takes
 *                           milliseconds
 * @param target             how many the scheme keeps ready (0: it prepares nothing)
 * @param generated          how many it has prepared so far in this process, in the background or on demand
 * @param generatedOnDemand  how many of those {@link HomomorphicSchemeProvider#generateKeyPair} had to prepare on its
 *                           caller's thread because none was ready (each time, issuing a key waited)
 * @param meanGenerationTime mean wall-clock time to prepare one, zero if none yet
 * @param lastGenerationTime time of the last one, zero if none yet
 */
public record KeyPreparation(int ready, int target, long generated, long generatedOnDemand,
    Duration meanGenerationTime, Duration lastGenerationTime) {

  /** Nothing prepared, nothing to prepare: schemes whose keys are quick to generate. */
  public static final KeyPreparation NONE = new KeyPreparation(0, 0, 0, 0, Duration.ZERO, Duration.ZERO);

  public KeyPreparation {
    Objects.requireNonNull(meanGenerationTime, "meanGenerationTime");
    Objects.requireNonNull(lastGenerationTime, "lastGenerationTime");
  }
}
