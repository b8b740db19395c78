package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameSuggestionsTest {
  static final List<String> PAILLIER = List.of("keyBits", "allowWeakKeys", "fractionBits", "clipBound",
      "maxContributors", "slots", "threshold", "shareholders");

  @Test
  void distanceCountsEditsAndAdjacentTranspositions() {
    assertThat(NameSuggestions.distance("", "")).isZero();
    assertThat(NameSuggestions.distance("abc", "")).isEqualTo(3);
    assertThat(NameSuggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(NameSuggestions.distance("treshold", "threshold")).isEqualTo(1);
    assertThat(NameSuggestions.distance("thresohld", "threshold")).isEqualTo(1);
    assertThat(NameSuggestions.distance("ab", "ba")).isEqualTo(1);
    // optimal string alignment, not unrestricted Damerau-Levenshtein (which gives 2)
    assertThat(NameSuggestions.distance("ca", "abc")).isEqualTo(3);
  }

  @Test
  void suggestsTheClosestName() {
    assertThat(NameSuggestions.closest("treshold", PAILLIER)).contains("threshold");
    assertThat(NameSuggestions.closest("thresohld", PAILLIER)).contains("threshold");
    assertThat(NameSuggestions.closest("keyBit", PAILLIER)).contains("keyBits");
    assertThat(NameSuggestions.closest("slot", PAILLIER)).contains("slots");
    assertThat(NameSuggestions.closest("sharehodlers", PAILLIER)).contains("shareholders");
  }

  @Test
  void aCaseInsensitiveMatchWinsOverEverything() {
    assertThat(NameSuggestions.closest("keybits", PAILLIER)).contains("keyBits");
    assertThat(NameSuggestions.closest("THRESHOLD", PAILLIER)).contains("threshold");
    assertThat(NameSuggestions.closest("ab", List.of("aB", "ab_"))).contains("aB");
  }

  @Test
  void fallsBackToPrefixesOfAtLeastThreeCharacters() {
    assertThat(NameSuggestions.closest("maxContrib", PAILLIER)).contains("maxContributors");
    assertThat(NameSuggestions.closest("fraction", PAILLIER)).contains("fractionBits");
    assertThat(NameSuggestions.closest("thresholdValue", PAILLIER)).contains("threshold");
    assertThat(NameSuggestions.closest("noi", List.of("noiseSigma", "noise", "noiseMean"))).contains("noise");
    assertThat(NameSuggestions.closest("ma", PAILLIER)).isEmpty();
  }

  @Test
  void farNamesGetNoSuggestion() {
    assertThat(NameSuggestions.closest("xyz", PAILLIER)).isEmpty();
    assertThat(NameSuggestions.closest("bits", PAILLIER)).isEmpty();
    assertThat(NameSuggestions.closest("", PAILLIER)).isEmpty();
    assertThat(NameSuggestions.closest("anything", List.of())).isEmpty();
    assertThat(NameSuggestions.closest("x".repeat(10_000), PAILLIER)).isEmpty();
  }

  @Test
  void shortNamesNeedMoreThanATotalReplacement() {
    List<String> chaos = List.of("x0", "r", "burnIn");

    assertThat(NameSuggestions.closest("x", List.of("r"))).isEmpty();
    assertThat(NameSuggestions.closest("ab", List.of("r"))).isEmpty();
    assertThat(NameSuggestions.closest("x1", chaos)).contains("x0");
    assertThat(NameSuggestions.closest("rr", chaos)).contains("r");
    assertThat(NameSuggestions.closest("x", chaos)).contains("x0");
  }

  @Test
  void tiesGoToTheNameDeclaredFirst() {
    assertThat(NameSuggestions.closest("alphaXX", List.of("alphaLL", "alphaHH"))).contains("alphaLL");
    assertThat(NameSuggestions.closest("alphaXX", List.of("alphaHH", "alphaLL"))).contains("alphaHH");
    assertThat(NameSuggestions.closest("alphaLX", List.of("alphaHH", "alphaLL"))).contains("alphaLL");
  }
}
