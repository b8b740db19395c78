package io.flep.workers.task;

import java.util.LinkedHashSet;
import java.util.Set;

/** Folds an exception chain into the one line a user sees: each distinct message, outermost first. */
public final class OneLine {
  private OneLine() {}

  public static String of(Throwable e) {
    Set<String> messages = new LinkedHashSet<>();
    for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank() && messages.stream().noneMatch(m -> m.contains(message))) {
        messages.add(message.lines().findFirst().orElse(message).trim());
      }
    }
    return messages.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", messages);
  }
}
