package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Optional precomputed randomizers (h<sub>s</sub><sup>a</sup>, or r<sup>n</sup> for a key without h<sub>s</sub>), so
 * that the online part of an encryption is one multiplication modulo n². With Damgård–Jurik–Nielsen keys encryption
 * is fast without it (see {@link PaillierPublicKey}); the pool only moves that work off the hot path, e.g. while an
 * analyst trains. Each randomizer is handed out at most once and lives only in this process's memory (never
 * persisted): a leaked randomizer reveals the plaintext it hid.
 *
 * <p>The work runs on this class's own executor (daemon threads, one per core), never on the common fork-join pool:
 * a caller that waits for the pool from a common-pool thread — or whose encryption occupies the common pool — must not
 * starve the very work it waits for. Thread-safe.
 */
final class RandomnessPool {
  /** Randomizers per task on the executor. */
  static final int CHUNK = 64;
  private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(
      Runtime.getRuntime().availableProcessors(), daemonThreads());

  private final PaillierPublicKey key;
  private final SecureRandom random;
  private final ConcurrentLinkedQueue<BigInteger> ready = new ConcurrentLinkedQueue<>();
  private final AtomicInteger available = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong misses = new AtomicLong();

  RandomnessPool(PaillierPublicKey key, SecureRandom random) {
    this.key = key;
    this.random = random;
  }

  /** A precomputed randomizer never handed out before, or null (counted as a miss) if none is ready. */
  BigInteger poll() {
    BigInteger rn = ready.poll();
    if (rn == null) {
      misses.incrementAndGet();
      return null;
    }
    available.decrementAndGet();
    return rn;
  }

  /** A randomizer never handed out before: from the pool, or freshly computed if the pool is empty. */
  BigInteger take() {
    BigInteger rn = poll();
    return rn != null ? rn : key.randomizer(random);
  }

  /**
   * Adds {@code count} randomizers to the pool, computed on the pool's own executor without blocking the caller (a
   * Damgård–Jurik–Nielsen key's table is built first, by the first task). Additive, so that several encryptions
   * prepared at once (analysts sharing a key in one process) each get their own.
   *
   * @return completes when these randomizers are in the pool
   */
  CompletableFuture<Void> fillAsync(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("randomizer count must be non-negative, got " + count);
    }
    if (count == 0) {
      return CompletableFuture.completedFuture(null);
    }
    pending.addAndGet(count);
    List<CompletableFuture<Void>> tasks = new ArrayList<>();
    for (int from = 0; from < count; from += CHUNK) {
      int size = Math.min(CHUNK, count - from);
      tasks.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < size; i++) {
          try {
            ready.add(key.randomizer(random));
            available.incrementAndGet();
          } finally {
            pending.decrementAndGet();
          }
        }
      }, EXECUTOR));
    }
    return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new));
  }

  /** Randomizers still being computed. */
  int pending() {
    return pending.get();
  }

  /** Randomizers ready to use now. */
  int available() {
    return available.get();
  }

  /** How many encryptions found the pool empty and computed their randomness online. */
  long misses() {
    return misses.get();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads() {
    AtomicInteger counter = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "flep-paillier-randomness-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
