package io.flep.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Precomputed Paillier randomizers r<sup>n</sup> mod n², so that the online part of an encryption is one
 * multiplication modulo n² instead of a full-size exponentiation. Each randomizer is handed out at most once and
 * lives only in this process's memory (never persisted): a leaked randomizer reveals the plaintext it hid.
 * When the pool is empty, {@link #take()} computes a fresh randomizer on the spot and counts a miss. Thread-safe.
 */
final class RandomnessPool {
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

  /** A randomizer never handed out before: from the pool, or freshly computed if the pool is empty. */
  BigInteger take() {
    BigInteger rn = ready.poll();
    if (rn == null) {
      misses.incrementAndGet();
      return key.randomizer(random);
    }
    available.decrementAndGet();
    return rn;
  }

  /**
   * Adds {@code count} randomizers to the pool, computed in parallel on the common fork-join pool without blocking
   * the caller. Additive, so that several encryptions prepared at once (analysts sharing a key in one process)
   * each get their own.
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
    return CompletableFuture.runAsync(() -> IntStream.range(0, count).parallel().forEach(i -> {
      try {
        ready.add(key.randomizer(random));
        available.incrementAndGet();
      } finally {
        pending.decrementAndGet();
      }
    }));
  }

  /** Randomizers still being computed. */
  int pending() {
    return pending.get();
  }

  /** Randomizers ready to use now. */
  int available() {
    return available.get();
  }

  /** How many encryptions found the pool empty and paid for their randomizer online. */
  long misses() {
    return misses.get();
  }
}
