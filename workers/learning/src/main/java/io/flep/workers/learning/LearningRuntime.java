package io.flep.workers.learning;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.LoggerFactory;

/**
 * One-time ND4J set-up for this package:
 * <ul>
 *   <li>the oneDNN build of libnd4j (the {@code linux-x86_64-onednn} artifact): JavaCPP's platform
 *       extension {@value #PLATFORM_EXTENSION} is set unless the property {@value #EXTENSION_PROPERTY}
 *       already names one. oneDNN convolutions made the DnCNN forward pass 4-7x faster
 *       (docs/dncnn-fast-path.md); without the extension JavaCPP looks for the plain build and fails
 *       with UnsatisfiedLinkError;</li>
 *   <li>float32 everywhere;</li>
 *   <li>the INFO start-up chatter of nd4j-native / DL4J / JavaCPP lowered to WARN (only for those
 *       loggers whose level nobody has set, so {@code logging.level.org.nd4j=...} or a logback file
 *       still win);</li>
 *   <li>native threads per operation (OpenMP and OpenBLAS): system property
 *       {@value #THREADS_PROPERTY}, else the environment variable {@code OMP_NUM_THREADS}, else 1.
 *       The network is so small that one thread per operation is fastest on the 2 shared cores
 *       (measured while other builds ran: 3 analysts x 5 rounds took 37 s with 1 thread, 68 s with
 *       ND4J's default of 2),
 *       and concurrent analysts then scale across threads instead of fighting over OpenMP.</li>
 * </ul>
 */
public final class LearningRuntime {

  /** System property: native threads per ND4J operation (default 1). */
  public static final String THREADS_PROPERTY = "flep.learning.threads";

  /** JavaCPP's system property choosing a native build variant. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

  /** The libnd4j variant this distribution ships (see the workers POM). */
  public static final String PLATFORM_EXTENSION = "-onednn";

  private static final int THREADS = nativeThreads();
  private static final String[] NOISY = {"org.nd4j", "org.deeplearning4j", "org.bytedeco"};
  private static volatile boolean initialized;

  private LearningRuntime() {
  }

  /** Idempotent; called by every entry point of the package that touches ND4J. */
  public static void ensureInitialized() {
    if (initialized) {
      return;
    }
    synchronized (LearningRuntime.class) {
      if (initialized) {
        return;
      }
      if (System.getProperty(EXTENSION_PROPERTY, "").isBlank()) {
        System.setProperty(EXTENSION_PROPERTY, PLATFORM_EXTENSION);
      }
      quietLogs();
      Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
      Nd4j.getEnvironment().setMaxThreads(THREADS);
      Nd4j.getEnvironment().setMaxMasterThreads(THREADS);
      Nd4j.factory().blas().setMaxThreads(THREADS);
      initialized = true;
    }
  }

  /**
   * Applies the native thread count to the calling thread's OpenMP settings. OpenMP keeps the
   * thread count per calling thread, and nd4j-native sets it only for the thread that loaded
   * the library, so every thread that trains or evaluates calls this (a cheap JNI call; measured:
   * without it a worker thread runs 2 OpenMP threads and trains ~1.5x slower on 2 busy cores).
   */
  static void configureCurrentThread() {
    ensureInitialized();
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(THREADS);
  }

  /** The configured native thread count per operation. */
  public static int nativeThreads() {
    String value = System.getProperty(THREADS_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv("OMP_NUM_THREADS");
    }
    if (value != null && !value.isBlank()) {
      try {
        int n = Integer.parseInt(value.trim());
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
    }
    return 1;
  }

  private static void quietLogs() {
    try {
      Class.forName("ch.qos.logback.classic.Logger", false, LearningRuntime.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return;
    }
    try {
      for (String name : NOISY) {
        if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
            && logger.getLevel() == null) {
          logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
      }
    } catch (LinkageError ignored) {
      // another SLF4J back end: leave its configuration alone
    }
  }
}
