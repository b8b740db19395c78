package io.flep.plugin.api.param;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the declared option name a mistyped one most likely meant, for "did you mean" hints. In this order:
 *
 * <ol>
 *   <li>a name equal ignoring case ({@code keybits} → {@code keyBits});
 *   <li>the name at the smallest edit distance, compared ignoring case, if that distance is at most
 *       {@value #MAX_DISTANCE} and smaller than the longer name's length (so {@code x} does not suggest {@code r});
 *       ties go to the name declared first;
 *   <li>a name that the given one is a prefix of, or that is a prefix of the given one, both at least
 *       {@value #MIN_PREFIX} characters ({@code maxContrib} → {@code maxContributors}); the shortest such name wins.
 * </ol>
 *
 * Otherwise there is no suggestion.
 */
final class NameSuggestions {
  static final int MAX_DISTANCE = 2;
  static final int MIN_PREFIX = 3;
  /** Longer inputs get no distance-based suggestion (bounds the quadratic work on hostile input). */
  private static final int MAX_COMPARED_LENGTH = 128;

  private NameSuggestions() {}

  static Optional<String> closest(String given, List<String> known) {
    String g = given.toLowerCase(Locale.ROOT);
    for (String k : known) {
      if (k.equalsIgnoreCase(given)) {
        return Optional.of(k);
      }
    }
    if (g.length() <= MAX_COMPARED_LENGTH) {
      String best = null;
      int bestDistance = Integer.MAX_VALUE;
      for (String k : known) {
        int d = distance(g, k.toLowerCase(Locale.ROOT));
        if (d <= MAX_DISTANCE && d < Math.max(g.length(), k.length()) && d < bestDistance) {
          best = k;
          bestDistance = d;
        }
      }
      if (best != null) {
        return Optional.of(best);
      }
    }
    String best = null;
    for (String k : known) {
      String kl = k.toLowerCase(Locale.ROOT);
      boolean prefix = g.length() >= MIN_PREFIX && kl.startsWith(g) || kl.length() >= MIN_PREFIX && g.startsWith(kl);
      if (prefix && (best == null || k.length() < best.length())) {
        best = k;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Optimal string alignment distance (restricted Damerau–Levenshtein: insertions, deletions, substitutions and
   * transpositions of adjacent characters, each counted once).
   * Source: F. J. Damerau, CACM 7(3):171-176, 1964; recurrence as in https://en.wikipedia.org/wiki/Damerau%E2%80%93Levenshtein_distance#Optimal_string_alignment_distance
   */
  static int distance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[][] d = new int[n + 1][m + 1];
    for (int i = 0; i <= n; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= m; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[n][m];
  }
}
