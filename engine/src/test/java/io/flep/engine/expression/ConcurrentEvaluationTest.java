package io.flep.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentEvaluationTest {

  @Test
  void oneEvaluatorAndOneParsedExpressionServeManyThreads() throws Exception {
    ExpressionEvaluator evaluator = new ExpressionEvaluator();
    Expression sum = Expression.feel("sum(for i in items return i.v * k) + count(items)");
    Expression condition = Expression.feel("k > 50");
    int threads = 8;
    int rounds = 500;

    List<Future<Integer>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int round = 0; round < rounds; round++) {
                    long k = thread * 1000L + round;
                    Map<String, Object> vars =
                        Map.of(
                            "k",
                            k,
                            "items",
                            List.of(Map.of("v", 1), Map.of("v", 2), Map.of("v", 3)));
                    VariableLookup lookup = VariableLookup.of(vars);
                    assertThat(evaluator.evaluate(sum, lookup)).isEqualTo(6 * k + 3);
                    assertThat(evaluator.evaluateBoolean(condition, lookup)).isEqualTo(k > 50);
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> future : futures) {
        assertThat(future.get()).isEqualTo(rounds);
      }
    }
  }
}
