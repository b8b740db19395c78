package io.flep.workers.run;

/** Where a run reports what it is doing while it works (the console for {@code flep run}). */
@FunctionalInterface
public interface RunProgress {
  void line(String text);

  RunProgress SILENT = text -> {};
}
