package io.flep.he.paillier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RandomnessPoolTest {
  static PaillierKeyPair pair;

  @BeforeAll
  static void key() {
    pair = PaillierKeyPair.generate(1024, new SecureRandom());
  }

  @Test
  void precomputedRandomizersAreNthPowersUsedOnceEach() {
    RandomnessPool pool = new RandomnessPool(pair.publicKey(), new SecureRandom());
    pool.fillAsync(20).join();
    assertThat(pool.available()).isEqualTo(20);

    Set<BigInteger> seen = new HashSet<>();
    BigInteger lambda = pair.privateKey().p().subtract(BigInteger.ONE)
        .multiply(pair.privateKey().q().subtract(BigInteger.ONE));
    for (int i = 0; i < 20; i++) {
      BigInteger rn = pool.take();
      assertThat(seen.add(rn)).as("randomizer handed out twice").isTrue();
      // an n-th residue r^n satisfies (r^n)^lambda = 1 mod n^2; a random unit almost never does
      assertThat(rn.modPow(lambda, pair.publicKey().nSquared())).isEqualTo(BigInteger.ONE);
    }
    assertThat(pool.available()).isZero();
    assertThat(pool.misses()).isZero();
  }

  @Test
  void anEmptyPoolStillEncryptsCorrectlyAndCountsTheMiss() {
    RandomnessPool pool = new RandomnessPool(pair.publicKey(), new SecureRandom());
    BigInteger m = BigInteger.valueOf(123_456_789);

    BigInteger c = pair.publicKey().encryptWithRandomizer(m, pool.take());

    assertThat(pool.misses()).isEqualTo(1);
    assertThat(pair.privateKey().decrypt(c)).isEqualTo(m);
  }

  @Test
  void preparationsAddUpSoTwoEncryptionsPreparedAtOnceBothFindTheirRandomness() {
    RandomnessPool pool = new RandomnessPool(pair.publicKey(), new SecureRandom());
    var first = pool.fillAsync(5);
    var second = pool.fillAsync(3);
    first.join();
    second.join();
    assertThat(pool.available()).isEqualTo(8);
    assertThat(pool.pending()).isZero();
    for (int i = 0; i < 8; i++) {
      pool.take();
    }
    assertThat(pool.misses()).isZero();
    assertThatThrownBy(() -> pool.fillAsync(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fillingRunsOnItsOwnExecutorSoCommonPoolWaitersCannotStarveIt() throws Exception {
    RandomnessPool pool = new RandomnessPool(pair.publicKey(), new SecureRandom());
    int workers = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
    // every common-pool worker (and one more task) waits for randomness it asked for
    java.util.List<java.util.concurrent.CompletableFuture<Void>> waiting = java.util.stream.IntStream
        .range(0, workers + 1)
        .mapToObj(i -> java.util.concurrent.CompletableFuture.runAsync(() -> pool.fillAsync(3).join()))
        .toList();
    java.util.concurrent.CompletableFuture.allOf(waiting.toArray(java.util.concurrent.CompletableFuture[]::new))
        .get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(pool.available()).isEqualTo(3 * (workers + 1));
    assertThat(pool.poll()).isNotNull();
    assertThat(pool.misses()).isZero();
  }
}
