package io.flep.he.paillier;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Safe-prime moduli for threshold {@code paillier} keys, prepared ahead of need. A 2048-bit threshold key needs two
 * 1024-bit safe primes, seconds of work (a few hundred milliseconds for an ordinary key's primes), so the host asks
 * for them early ({@link PaillierSchemeProvider#prepareKeyPairs}, e.g. when a party starts or a run is planned) and
 * {@link PaillierSchemeProvider#generateKeyPair} then deals a key on a prepared modulus in milliseconds. One pool per
 * key size and process, shared by every provider instance.
 *
 * <p>A pool keeps {@linkplain #prepare at least the largest count asked for} ready, generating one modulus at a time
 * on its own background thread (daemon, one core at most, ended after 30 s idle) and another each time one is taken.
 * If none is ready when a key is dealt, {@link #take} generates one on the caller's thread. Generation times are
 * measured and reported ({@link #statistics}).
 *
 * <p>Secrecy: a prepared modulus is the factorisation of a future key. It lives only in this process's memory (never
 * written anywhere), comes from the pool's own {@link SecureRandom}, is handed out at most once and dropped by the pool
 * when taken; the dealer forgets it after dealing. Thread-safe.
 */
public final class ThresholdKeyPool {
  /** Most moduli a pool keeps ready. */
  public static final int MAX_PREPARED = 16;
  private static final Map<Integer, ThresholdKeyPool> POOLS = new ConcurrentHashMap<>();

  private final int keyBits;
  private final SecureRandom random = new SecureRandom();
  private final ThreadPoolExecutor executor;
  private final Deque<ThresholdPaillier.SafeModulus> ready = new ArrayDeque<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private int target;
  private int generating;
  private long generated;
  private long taken;
  private long generatedOnDemand;
  private long totalNanos;
  private long lastNanos;

  private record Waiter(int count, CompletableFuture<Statistics> future) {}

  /**
   * What a pool holds and has measured.
   *
   * @param keyBits             bit length of the moduli
   * @param ready               moduli ready to be dealt
   * @param generating          moduli being generated in the background now
   * @param target              how many the pool keeps ready
   * @param generated           moduli generated so far (background and on demand)
   * @param taken               prepared moduli handed out for keys
   * @param generatedOnDemand   moduli generated on a caller's thread because none was ready (a key issuance waited)
   * @param meanGenerationTime  mean wall-clock time to generate one modulus (two safe primes), zero if none yet
   * @param lastGenerationTime  time of the last one, zero if none yet
   */
  public record Statistics(int keyBits, int ready, int generating, int target, long generated, long taken,
      long generatedOnDemand, Duration meanGenerationTime, Duration lastGenerationTime) {}

  private ThresholdKeyPool(int keyBits) {
    this.keyBits = keyBits;
    this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread t = new Thread(task, "paillier-safe-primes-" + keyBits);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /**
   * The process's pool for moduli of {@code keyBits} bits.
   *
   * @throws IllegalArgumentException if {@code keyBits} is odd or below 32
   */
  public static ThresholdKeyPool forKeyBits(int keyBits) {
    if (keyBits < 32 || keyBits % 2 != 0) {
      throw new IllegalArgumentException("threshold paillier key size must be even and at least 32 bits, got "
          + keyBits);
    }
    return POOLS.computeIfAbsent(keyBits, ThresholdKeyPool::new);
  }

  /**
   * Keeps at least {@code count} moduli ready from now on, generating the missing ones in the background, and
   * returns at once.
   *
   * @return completes, with the statistics at that moment, once {@code count} moduli are ready
   * @throws IllegalArgumentException if {@code count} is outside [0, {@link #MAX_PREPARED}]
   */
  public synchronized CompletableFuture<Statistics> prepare(int count) {
    if (count < 0 || count > MAX_PREPARED) {
      throw new IllegalArgumentException("count must be in [0, " + MAX_PREPARED + "], got " + count);
    }
    target = Math.max(target, count);
    refill();
    if (ready.size() >= count) {
      return CompletableFuture.completedFuture(statistics());
    }
    CompletableFuture<Statistics> future = new CompletableFuture<>();
    waiters.add(new Waiter(count, future));
    return future;
  }

  /** What the pool holds and has measured now. */
  public synchronized Statistics statistics() {
    return new Statistics(keyBits, ready.size(), generating, target, generated, taken, generatedOnDemand,
        Duration.ofNanos(generated == 0 ? 0 : totalNanos / generated), Duration.ofNanos(lastNanos));
  }

  /**
   * Stops keeping moduli ready and drops those that are (generations under way finish and are dropped too).
   * Waiting {@link #prepare} futures fail.
   */
  public synchronized void clear() {
    target = 0;
    ready.clear();
    for (Waiter w : waiters) {
      w.future().completeExceptionally(new IllegalStateException("the " + keyBits + "-bit key pool was cleared"));
    }
    waiters.clear();
  }

  /** A prepared modulus, removed from the pool (which starts preparing its replacement), or a fresh one. */
  ThresholdPaillier.SafeModulus take() {
    synchronized (this) {
      ThresholdPaillier.SafeModulus m = ready.poll();
      if (m != null) {
        taken++;
        refill();
        return m;
      }
    }
    long start = System.nanoTime();
    ThresholdPaillier.SafeModulus m = ThresholdPaillier.SafeModulus.generate(keyBits, random);
    synchronized (this) {
      generatedOnDemand++;
      record(System.nanoTime() - start);
    }
    return m;
  }

  private void refill() {
    while (ready.size() + generating < target) {
      generating++;
      executor.execute(this::generateOne);
    }
  }

  private void generateOne() {
    long start = System.nanoTime();
    try {
      ThresholdPaillier.SafeModulus m = ThresholdPaillier.SafeModulus.generate(keyBits, random);
      synchronized (this) {
        generating--;
        record(System.nanoTime() - start);
        if (ready.size() < target) {
          ready.add(m);
        }
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
          Waiter w = it.next();
          if (ready.size() >= w.count()) {
            w.future().complete(statistics());
            it.remove();
          }
        }
        refill();
      }
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        generating--;
        for (Waiter w : waiters) {
          w.future().completeExceptionally(e);
        }
        waiters.clear();
      }
      throw e;
    }
  }

  private void record(long nanos) {
    generated++;
    totalNanos += nanos;
    lastNanos = nanos;
  }

  @Override
  public String toString() {
    return "ThresholdKeyPool" + statistics();
  }
}
