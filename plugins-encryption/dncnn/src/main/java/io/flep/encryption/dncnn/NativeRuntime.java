package io.flep.encryption.dncnn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The plugin's own ND4J set-up, so that it works in any host (the FLEP application, the lab tools, a foreign host):
 * the oneDNN build of libnd4j that this module depends on (JavaCPP platform extension {@value #PLATFORM_EXTENSION}
 * unless {@value #EXTENSION_PROPERTY} already names one; without it JavaCPP looks for the plain build and fails),
 * float32, and the native threads per operation from {@value #THREADS_PROPERTY}, else {@code OMP_NUM_THREADS},
 * else 1 — the same settings the host's learning runtime uses, so whichever touches ND4J first sets it up alike.
 */
final class NativeRuntime {
  static final String THREADS_PROPERTY = "flep.learning.threads";
  static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  static final String PLATFORM_EXTENSION = "-onednn";

  private static volatile boolean initialized;

  private NativeRuntime() {}

  static void ensureInitialized() {
    if (initialized) {
      return;
    }
    synchronized (NativeRuntime.class) {
      if (!initialized) {
        if (System.getProperty(EXTENSION_PROPERTY, "").isBlank()) {
          System.setProperty(EXTENSION_PROPERTY, PLATFORM_EXTENSION);
        }
        int threads = nativeThreads();
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        initialized = true;
      }
    }
  }

  /** Sets up ND4J and the calling thread's OpenMP thread count. */
  static void configureCurrentThread() {
    ensureInitialized();
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(nativeThreads());
  }

  static int nativeThreads() {
    String value = System.getProperty(THREADS_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv("OMP_NUM_THREADS");
    }
    try {
      int n = value == null ? 1 : Integer.parseInt(value.trim());
      return Math.max(n, 1);
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
