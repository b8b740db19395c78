package io.flep.exchange.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flep.exchange.ExchangeStorage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ExchangeStorage} backend guarantees, run against each one by a subclass that opens a fresh,
 * empty storage per test.
 */
abstract class ExchangeStorageContract {
  /** More keys than one listing page of a backend opened by {@link #openEmpty()} holds. */
  static final int MANY_KEYS = 25;

  protected ExchangeStorage storage;

  /** A storage holding nothing yet; an S3 one lists in pages smaller than {@link #MANY_KEYS}. */
  protected abstract ExchangeStorage openEmpty() throws Exception;

  @BeforeEach
  void openStorage() throws Exception {
    storage = openEmpty();
  }

  @AfterEach
  void closeStorage() throws Exception {
    storage.close();
  }

  @Test
  void anObjectComesBackByteForByte() throws Exception {
    byte[] bytes = new byte[70_000];
    new Random(7).nextBytes(bytes);

    assertThat(storage.putIfAbsent("runs/r1/model/iiot/abc", bytes)).isTrue();

    assertThat(storage.get("runs/r1/model/iiot/abc")).hasValueSatisfying(got -> assertThat(got).isEqualTo(bytes));
  }

  @Test
  void anEmptyObjectIsAnObject() throws Exception {
    assertThat(storage.putIfAbsent("runs/r1/empty/p/x", new byte[0])).isTrue();

    assertThat(storage.get("runs/r1/empty/p/x")).hasValueSatisfying(got -> assertThat(got).isEmpty());
  }

  @Test
  void aSecondPutOfAKeyIsRefusedAndTheFirstBytesStay() throws Exception {
    assertThat(storage.putIfAbsent("runs/r1/key/p/a", utf8("first"))).isTrue();

    assertThat(storage.putIfAbsent("runs/r1/key/p/a", utf8("second"))).isFalse();
    assertThat(storage.putIfAbsent("runs/r1/key/p/a", utf8("first"))).isFalse();

    assertThat(storage.get("runs/r1/key/p/a")).hasValueSatisfying(got -> assertThat(got).isEqualTo(utf8("first")));
  }

  @Test
  void aMissingKeyIsEmpty() throws Exception {
    storage.putIfAbsent("runs/r1/key/p/present", utf8("x"));

    assertThat(storage.get("runs/r1/key/p/absent")).isEmpty();
    assertThat(storage.get("runs/r1/key/p")).isEmpty();
  }

  @Test
  void aListingHoldsExactlyTheKeysUnderItsPrefixSortedNestedOnesIncluded() throws Exception {
    for (String key : List.of("runs/r1/a/q/x/y", "runs/r1/a/p/2", "runs/r1/ab/p/1", "runs/r1/a/p/1", "runs/r2/a/p/1",
        "runs/r1/a.b/p/1", "runs/r1/a-b/p/1")) {
      storage.putIfAbsent(key, utf8(key));
    }

    assertThat(storage.list("runs/r1/a/")).containsExactly("runs/r1/a/p/1", "runs/r1/a/p/2", "runs/r1/a/q/x/y");
    assertThat(storage.list("runs/r1/a/p/")).containsExactly("runs/r1/a/p/1", "runs/r1/a/p/2");
    assertThat(storage.list("runs/r2/")).containsExactly("runs/r2/a/p/1");
    assertThat(storage.list("runs/r3/")).isEmpty();
  }

  @Test
  void aListingPagesThroughEveryKey() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = MANY_KEYS - 1; i >= 0; i--) {
      String key = "runs/r1/share/p" + (i % 3) + "/" + String.format("%03d", i);
      keys.add(key);
      storage.putIfAbsent(key, utf8(key));
    }
    keys.sort(null);

    assertThat(storage.list("runs/r1/share/")).containsExactlyElementsOf(keys);
  }

  @Test
  void aListingPrefixEndsWithASlash() {
    assertThatThrownBy(() -> storage.list("runs/r1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends with '/'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "runs/", "runs//x", "../outside", "runs/../../x", "runs/./x", "a b",
      "runs/ü", "runs\\x", "runs/x?y", "runs/x#y", "%2e%2e/x"})
  void anInvalidKeyIsRefusedEverywhere(String key) {
    assertThatThrownBy(() -> storage.putIfAbsent(key, utf8("x"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid exchange key");
    assertThatThrownBy(() -> storage.get(key)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> storage.list(key + "/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNullKeyIsRefused() {
    assertThatThrownBy(() -> storage.get(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLocationSaysWhereItIs() {
    assertThat(storage.location()).isNotBlank();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
