package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flep.plugin.api.param.InvalidPluginOptionException.Reason;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSetTest {
  static final IntegerParameter KEY_BITS = Parameter.integer("keyBits")
      .defaultValue(2048).range(2048, 8192).description("modulus bits").securityRelevant();
  static final IntegerParameter THRESHOLD = Parameter.integer("threshold")
      .range(2, 16).orValue(0, "no threshold key").defaultValue(0).description("holders needed to decrypt");
  static final IntegerParameter SHAREHOLDERS = Parameter.integer("shareholders")
      .range(2, 16).defaultValue(3).description("holders of shares");
  static final DecimalParameter CLIP_BOUND = Parameter.decimal("clipBound")
      .greaterThan(0).defaultValue(8).description("clipping bound");
  static final ChoiceParameter ORDER = Parameter.choice("decryptOrder", "paper", "reordered")
      .defaultValue("reordered").description("decryption order");
  static final ListParameter<Path> MODEL = Parameter.pathList("model").description("model files");

  static final ParameterSet SET = ParameterSet.of(KEY_BITS, THRESHOLD, SHAREHOLDERS, CLIP_BOUND, ORDER, MODEL)
      .withConstraint(Constraint.of("threshold <= shareholders unless threshold is 0",
          v -> v.get(THRESHOLD) == 0 || v.get(THRESHOLD) <= v.get(SHAREHOLDERS), THRESHOLD, SHAREHOLDERS));

  private static InvalidPluginOptionException invalid(Map<String, String> raw, String source) {
    return catchThrowableOfType(InvalidPluginOptionException.class, () -> SET.validate("paillier", raw, source));
  }

  @Test
  void validValuesAreTrimmedTypedAndDefaultsFillTheRest() {
    ParameterValues v = SET.validate("paillier",
        Map.of(" keyBits ", " 4096 ", "threshold", "2", "decryptOrder", "PAPER", "model", " a.dncnn, ,b.dncnn,"));

    assertThat(v.get(KEY_BITS)).isEqualTo(4096);
    assertThat(v.get(THRESHOLD)).isEqualTo(2);
    assertThat(v.get(SHAREHOLDERS)).isEqualTo(3);
    assertThat(v.get(CLIP_BOUND)).isEqualTo(8.0);
    assertThat(v.get(ORDER)).isEqualTo("paper");
    assertThat(v.get(MODEL)).containsExactly(Path.of("a.dncnn"), Path.of("b.dncnn"));
    assertThat(v.isSet(KEY_BITS)).isTrue();
    assertThat(v.isSet(SHAREHOLDERS)).isFalse();
    assertThat(v.pluginId()).isEqualTo("paillier");
  }

  @Test
  void noOptionsGivesTheDefaults() {
    ParameterValues v = SET.defaults("paillier");

    assertThat(v).isEqualTo(SET.validate("paillier", Map.of()));
    assertThat(v.get(KEY_BITS)).isEqualTo(2048);
    assertThat(v.find(MODEL)).isEmpty();
    assertThat(SET.parameters()).noneMatch(v::isSet);
  }

  @Test
  void unknownNameSuggestsTheClosestDeclaredName() {
    InvalidPluginOptionException e = invalid(Map.of("treshold", "2"), null);

    assertThat(e).hasMessage("unknown option 'treshold' for paillier; did you mean 'threshold'?");
    assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_OPTION);
    assertThat(e.pluginId()).isEqualTo("paillier");
    assertThat(e.optionName()).isEqualTo("treshold");
    assertThat(e.suggestion()).contains("threshold");
    assertThat(e.source()).isEmpty();
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreCaseSensitiveButTheSuggestionIgnoresCase() {
    assertThat(invalid(Map.of("keybits", "2048"), null))
        .hasMessage("unknown option 'keybits' for paillier; did you mean 'keyBits'?");
    assertThat(invalid(Map.of("KEYBITS", "2048"), null).suggestion()).contains("keyBits");
  }

  @Test
  void farNamesListTheKnownOnesInDeclarationOrder() {
    InvalidPluginOptionException e = invalid(Map.of("xyz", "1"), null);

    assertThat(e).hasMessage("unknown option 'xyz' for paillier"
        + " (known: keyBits, threshold, shareholders, clipBound, decryptOrder, model)");
    assertThat(e.suggestion()).isEmpty();
  }

  @Test
  void aPluginWithoutParametersSaysSo() {
    assertThatThrownBy(() -> ParameterSet.none().validate("aes-gcm", Map.of("xyz", "1")))
        .isInstanceOf(InvalidPluginOptionException.class)
        .hasMessage("aes-gcm takes no options, got 'xyz'")
        .extracting(e -> ((InvalidPluginOptionException) e).reason()).isEqualTo(Reason.NO_OPTIONS);
    assertThat(ParameterSet.none().validate("aes-gcm", Map.of()).toMap()).isEmpty();
  }

  @Test
  void wrongValuesNameTheDomain() {
    assertThat(invalid(Map.of("keyBits", "abc"), null))
        .hasMessage("option 'keyBits' of paillier must be an integer in [2048, 8192], got 'abc'");
    InvalidPluginOptionException e = invalid(Map.of("keyBits", "1024"), null);
    assertThat(e).hasMessage("option 'keyBits' of paillier must be an integer in [2048, 8192], got '1024'");
    assertThat(e.reason()).isEqualTo(Reason.INVALID_VALUE);
    assertThat(e.optionName()).isEqualTo("keyBits");
    assertThat(e.suggestion()).isEmpty();
    assertThat(invalid(Map.of("threshold", "1"), null))
        .hasMessage("option 'threshold' of paillier must be 0 (no threshold key) or an integer in [2, 16], got '1'");
    assertThat(invalid(Map.of("clipBound", "0"), null))
        .hasMessage("option 'clipBound' of paillier must be a number > 0, got '0'");
    assertThat(invalid(Map.of("decryptOrder", "fast"), null))
        .hasMessage("option 'decryptOrder' of paillier must be one of paper, reordered, got 'fast'");
  }

  @Test
  void aSourceIsAppendedToEveryKindOfMessage() {
    assertThat(invalid(Map.of("treshold", "2"), "--he-option"))
        .hasMessage("unknown option 'treshold' for paillier; did you mean 'threshold'? (from --he-option)")
        .satisfies(e -> assertThat(e.source()).contains("--he-option"));
    assertThat(invalid(Map.of("keyBits", " 1024 "), "--he-option"))
        .hasMessage("option 'keyBits' of paillier must be an integer in [2048, 8192], got '1024' (from --he-option)");
    assertThatThrownBy(() -> ParameterSet.none().validate("aes-gcm", Map.of("x", "1"), "--cipher-option"))
        .hasMessage("aes-gcm takes no options, got 'x' (from --cipher-option)");
    assertThat(invalid(Map.of("keyBits", "1"), " ")).hasMessageNotContaining("(from");
  }

  @Test
  void aSourcePerOptionNamesTheHeader() {
    Map<String, String> headers = Map.of("keyBits", "4096", "treshold", "2");

    assertThatThrownBy(() -> SET.validate("paillier", headers, name -> "task header heScheme." + name))
        .hasMessage("unknown option 'treshold' for paillier; did you mean 'threshold'?"
            + " (from task header heScheme.treshold)");
  }

  @Test
  void unknownNamesAreReportedBeforeBadValuesAndInNameOrder() {
    Map<String, String> raw = new HashMap<>();
    raw.put("keyBits", "abc");
    raw.put("zzz", "1");
    raw.put("yyy", "1");

    assertThat(invalid(raw, null).optionName()).isEqualTo("yyy");
  }

  @Test
  void badValuesAreReportedInDeclarationOrder() {
    Map<String, String> raw = new LinkedHashMap<>();
    raw.put("clipBound", "-1");
    raw.put("keyBits", "abc");

    assertThat(invalid(raw, null).optionName()).isEqualTo("keyBits");
  }

  @Test
  void aNameGivenTwiceAfterTrimmingIsRejected() {
    Map<String, String> raw = new HashMap<>();
    raw.put("keyBits", "2048");
    raw.put("keyBits ", "4096");

    InvalidPluginOptionException e = invalid(raw, null);
    assertThat(e).hasMessage("option 'keyBits' of paillier is given twice");
    assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_OPTION);
  }

  @Test
  void missingValuesAndBlankNamesAreReported() {
    Map<String, String> raw = new HashMap<>();
    raw.put("keyBits", null);
    assertThat(invalid(raw, null))
        .hasMessage("option 'keyBits' of paillier must be an integer in [2048, 8192], got no value");

    assertThat(invalid(Map.of("  ", "1"), null)).hasMessageStartingWith("unknown option '' for paillier (known: ");
  }

  @Test
  void constraintViolationsListTheValuesAndTheirSources() {
    InvalidPluginOptionException e = invalid(Map.of("threshold", "4"), "--he-option");

    assertThat(e).hasMessage("options of paillier must satisfy: threshold <= shareholders unless threshold is 0,"
        + " got threshold=4, shareholders=3 (from --he-option)");
    assertThat(e.reason()).isEqualTo(Reason.CONSTRAINT_VIOLATED);
    assertThat(e.optionName()).isEqualTo("threshold");
    assertThat(SET.validate("paillier", Map.of("threshold", "4", "shareholders", "5")).get(THRESHOLD)).isEqualTo(4);
  }

  @Test
  void duplicateDeclarationsAreRejectedAlsoWhenOnlyTheCaseDiffers() {
    IntegerParameter other = Parameter.integer("keyBits").description("again");
    IntegerParameter shouting = Parameter.integer("keybits").description("again");

    assertThatThrownBy(() -> ParameterSet.of(KEY_BITS, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parameter 'keyBits' is declared twice");
    assertThatThrownBy(() -> ParameterSet.of(KEY_BITS, shouting))
        .hasMessage("parameter 'keybits' is declared twice (as 'keyBits'; names must differ in more than case)");
    assertThatThrownBy(() -> ParameterSet.of(KEY_BITS, KEY_BITS)).hasMessageContaining("declared twice");
  }

  @Test
  void everyParameterNeedsADescription() {
    assertThatThrownBy(() -> ParameterSet.of(Parameter.bool("noise")))
        .hasMessage("parameter 'noise' has no description");
  }

  @Test
  void constraintsMustNameDeclaredParametersAndHoldForTheDefaults() {
    IntegerParameter stranger = Parameter.integer("stranger").description("not in the set");

    assertThatThrownBy(() -> SET.withConstraint(Constraint.of("stranger > 0", v -> true, stranger)))
        .hasMessageStartingWith("constraint 'stranger > 0' names undeclared parameter stranger");
    assertThatThrownBy(() -> SET.withConstraint(
            Constraint.of("shareholders > 3", v -> v.get(SHAREHOLDERS) > 3, SHAREHOLDERS)))
        .hasMessage("the declared defaults break a constraint: options of (defaults) must satisfy:"
            + " shareholders > 3, got shareholders=3");
  }

  @Test
  void aFailingConstraintPredicateIsAPluginBug() {
    ListParameter<Path> model = Parameter.pathList("model").description("files");
    ParameterSet set = ParameterSet.of(model);

    assertThatThrownBy(() -> set.withConstraint(Constraint.of("one model", v -> v.get(model).size() == 1, model)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("constraint 'one model' of (defaults) failed: java.util.NoSuchElementException");
  }

  @Test
  void unknownOptionHintsExplainDeliberatelyMissingNames() {
    ParameterSet set = ParameterSet.of(KEY_BITS).withUnknownOptionHint("alpha", "derived from key and nonce");

    assertThatThrownBy(() -> set.validate("flep-3layer-hardened", Map.of("alphaLL", "0.2")))
        .hasMessage("unknown option 'alphaLL' for flep-3layer-hardened (known: keyBits); derived from key and nonce");
    assertThatThrownBy(() -> set.validate("flep-3layer-hardened", Map.of("beta", "0.2")))
        .hasMessage("unknown option 'beta' for flep-3layer-hardened (known: keyBits)");
  }

  @Test
  void lookupsAreByExactNameAndWholeDeclaration() {
    assertThat(SET.parameter("keyBits")).contains(KEY_BITS);
    assertThat(SET.parameter("keybits")).isEmpty();
    assertThat(SET.declares(KEY_BITS)).isTrue();
    assertThat(SET.declares(Parameter.integer("keyBits").range(2048, 8192).defaultValue(2048)
        .description("modulus bits").securityRelevant())).isTrue();
    assertThat(SET.declares(KEY_BITS.range(1024, 8192))).isFalse();
    assertThat(SET.isEmpty()).isFalse();
    assertThat(ParameterSet.none().isEmpty()).isTrue();
  }

  @Test
  void theSetIsImmutable() {
    List<Parameter<?>> source = new java.util.ArrayList<>(List.of(KEY_BITS));
    ParameterSet set = ParameterSet.of(source);
    source.add(SHAREHOLDERS);

    assertThat(set.parameters()).containsExactly(KEY_BITS);
    assertThatThrownBy(() -> set.parameters().add(THRESHOLD)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> SET.constraints().clear()).isInstanceOf(UnsupportedOperationException.class);
    ParameterSet more = set.withUnknownOptionHint("x", "y");
    assertThat(more).isNotEqualTo(set);
    assertThat(set).isEqualTo(ParameterSet.of(KEY_BITS)).hasSameHashCodeAs(ParameterSet.of(KEY_BITS));
  }

  @Test
  void describeListsEveryDeclarationInOrder() {
    ParameterSet set = ParameterSet.of(KEY_BITS, THRESHOLD, CLIP_BOUND, ORDER, MODEL,
        Parameter.bool("allowWeakKeys").defaultValue(false).description("tests only").securityRelevant(),
        Parameter.text("denoiser").matching("[a-z]+", "a plugin id").defaultValue("wiener").description("denoiser"),
        Parameter.integer("ensemble").oneOf(1, 2, 4, 8).defaultValue(1).description("orientations"));

    List<Map<String, Object>> d = set.describe();

    assertThat(d).containsExactly(
        map("name", "keyBits", "type", "integer", "default", 2048, "allowed", map("min", 2048, "max", 8192),
            "domain", "an integer in [2048, 8192]", "description", "modulus bits", "affectsSecurity", true),
        map("name", "threshold", "type", "integer", "default", 0,
            "allowed", map("min", 2, "max", 16, "special", List.of(map("value", 0, "meaning", "no threshold key"))),
            "domain", "0 (no threshold key) or an integer in [2, 16]", "description", "holders needed to decrypt",
            "affectsSecurity", false),
        map("name", "clipBound", "type", "decimal", "default", 8.0,
            "allowed", map("min", 0.0, "minInclusive", false), "domain", "a number > 0",
            "description", "clipping bound", "affectsSecurity", false),
        map("name", "decryptOrder", "type", "choice", "default", "reordered", "allowed", List.of("paper", "reordered"),
            "domain", "one of paper, reordered", "description", "decryption order", "affectsSecurity", false),
        map("name", "model", "type", "list", "default", null, "allowed", map("elements", "path", "separator", ","),
            "domain", "a comma-separated list of file paths", "description", "model files", "affectsSecurity", false),
        map("name", "allowWeakKeys", "type", "boolean", "default", false, "allowed", List.of(true, false),
            "domain", "true or false", "description", "tests only", "affectsSecurity", true),
        map("name", "denoiser", "type", "text", "default", "wiener", "allowed", map("pattern", "[a-z]+"),
            "domain", "a plugin id", "description", "denoiser", "affectsSecurity", false),
        map("name", "ensemble", "type", "integer", "default", 1, "allowed", List.of(1, 2, 4, 8),
            "domain", "one of 1, 2, 4, 8", "description", "orientations", "affectsSecurity", false));
    assertThat(d.get(0).keySet())
        .containsExactly("name", "type", "default", "allowed", "domain", "description", "affectsSecurity");
    @SuppressWarnings("unchecked")
    Map<String, Object> allowed = (Map<String, Object>) d.get(1).get("allowed");
    assertThat(allowed.keySet()).containsExactly("min", "max", "special");
  }

  @Test
  void describeIsUnmodifiableAllTheWayDown() {
    List<Map<String, Object>> d = SET.describe();

    assertThatThrownBy(() -> d.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.get(0).put("name", "x")).isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> allowed = (Map<String, Object>) d.get(0).get("allowed");
    assertThatThrownBy(() -> allowed.put("min", 0)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(SET.describe()).isEqualTo(d);
  }

  @Test
  void describeConstraintsNamesTheirParameters() {
    assertThat(SET.describeConstraints()).containsExactly(map("description",
        "threshold <= shareholders unless threshold is 0", "parameters", List.of("threshold", "shareholders")));
  }

  /** An insertion-ordered map that may hold nulls, for expected descriptions. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
