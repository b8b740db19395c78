package io.flep.plugin.api.he;

import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@link ThresholdDecryption#combine} found fewer valid partial decryptions than the threshold: nothing was
 * decrypted. Carries the holders whose partial decryptions were valid and those excluded, with the reasons; the message
 * names them.
 */
public class CombinationRefusedException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  private final int threshold;
  private final List<Integer> valid;
  private final SortedMap<Integer, String> excluded;

  public CombinationRefusedException(int threshold, List<Integer> valid, SortedMap<Integer, String> excluded) {
    super(message(threshold, valid, excluded));
    this.threshold = threshold;
    this.valid = List.copyOf(valid);
    this.excluded = Collections.unmodifiableSortedMap(new TreeMap<>(excluded));
  }

  /** Valid partial decryptions needed. */
  public int threshold() {
    return threshold;
  }

  /** Share indexes whose partial decryptions were valid, ascending (fewer than {@link #threshold()}). */
  public List<Integer> valid() {
    return valid;
  }

  /** Share indexes whose partial decryptions were invalid, with the reasons. */
  public SortedMap<Integer, String> excluded() {
    return excluded;
  }

  private static String message(int threshold, List<Integer> valid, SortedMap<Integer, String> excluded) {
    StringBuilder s = new StringBuilder("only ").append(valid.size()).append(" valid partial decryption")
        .append(valid.size() == 1 ? "" : "s").append(valid.isEmpty() ? "" : " (share holders " + valid + ")")
        .append(", but ").append(threshold).append(" are needed");
    if (!excluded.isEmpty()) {
      s.append("; excluded: ");
      String sep = "";
      for (var e : excluded.entrySet()) {
        s.append(sep).append("share holder ").append(e.getKey()).append(" (").append(e.getValue()).append(')');
        sep = ", ";
      }
    }
    return s.toString();
  }
}
