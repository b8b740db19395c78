package io.flep.plugin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginOptionsTest {

  @Test
  void typedGettersParseValuesAndFallBackToDefaults() {
    PluginOptions o = PluginOptions.of(Map.of("keyBits", " 3072 ", "clipBound", "12.5", "allowWeakKeys", "TRUE",
        "mode", "fast", "big", "5000000000"));

    assertThat(o.getInt("keyBits", 2048)).isEqualTo(3072);
    assertThat(o.getDouble("clipBound", 64)).isEqualTo(12.5);
    assertThat(o.getBoolean("allowWeakKeys", false)).isTrue();
    assertThat(o.getString("mode", "slow")).isEqualTo("fast");
    assertThat(o.getLong("big", 0)).isEqualTo(5_000_000_000L);
    assertThat(o.getInt("absent", 7)).isEqualTo(7);
    assertThat(o.getBoolean("absent", true)).isTrue();
    assertThat(PluginOptions.empty().getDouble("x", 1.5)).isEqualTo(1.5);
  }

  @Test
  void parseErrorsNameTheOptionAndTheValue() {
    PluginOptions o = PluginOptions.of(Map.of("keyBits", "2k", "clipBound", "NaN", "allowWeakKeys", "yes"));

    assertThatThrownBy(() -> o.getInt("keyBits", 2048))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plugin option 'keyBits' must be an integer, got '2k'");
    assertThatThrownBy(() -> o.getDouble("clipBound", 1))
        .hasMessage("plugin option 'clipBound' must be a finite number, got 'NaN'");
    assertThatThrownBy(() -> o.getBoolean("allowWeakKeys", false))
        .hasMessage("plugin option 'allowWeakKeys' must be true or false, got 'yes'");
  }

  @Test
  void isAnImmutableCopy() {
    Map<String, String> source = new HashMap<>(Map.of("a", "1"));
    PluginOptions o = PluginOptions.of(source);
    source.put("a", "2");

    assertThat(o.getInt("a", 0)).isEqualTo(1);
    assertThat(o.with("a", "3").getInt("a", 0)).isEqualTo(3);
    assertThat(o.getInt("a", 0)).isEqualTo(1);
    assertThatThrownBy(() -> o.asMap().put("b", "x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsMissingValues() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("keyBits", null);

    assertThatThrownBy(() -> PluginOptions.of(withNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plugin option 'keyBits' has no value");
  }
}
