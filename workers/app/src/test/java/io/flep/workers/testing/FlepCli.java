package io.flep.workers.testing;

import io.flep.workers.cli.FlepMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs {@code flep ...} in-process, capturing the exit code, stdout and stderr. */
public final class FlepCli {
  /** What a command did. */
  public record Result(int exitCode, String out, String err) {
    /** The stderr lines, for "exactly one line" checks. */
    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  private FlepCli() {}

  public static synchronized Result run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = FlepMain.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
