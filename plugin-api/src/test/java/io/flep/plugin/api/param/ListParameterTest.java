package io.flep.plugin.api.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListParameterTest {
  static final ListParameter<Path> MODEL = Parameter.pathList("model");
  static final ListParameter<String> TAGS = Parameter.textList("tags");

  @Test
  void splitsAtCommasTrimsAndDropsEmptyElements() {
    assertThat(MODEL.parse("a.dncnn")).containsExactly(Path.of("a.dncnn"));
    assertThat(MODEL.parse("a.dncnn, /models/b.dncnn ,,")).containsExactly(Path.of("a.dncnn"),
        Path.of("/models/b.dncnn"));
    assertThat(TAGS.parse(" x , y")).containsExactly("x", "y");
    assertThat(MODEL.parse("")).isEmpty();
    assertThat(MODEL.parse(" , ")).isEmpty();
  }

  @Test
  void rejectsInvalidPaths() {
    assertThat(MODEL.parse("a\0b")).isNull();
  }

  @Test
  void parsedListsAreUnmodifiable() {
    List<Path> parsed = MODEL.parse("a,b");

    assertThatThrownBy(() -> parsed.add(Path.of("c"))).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theDefaultIsCopiedAndMustSurviveAPrintParseRoundTrip() {
    List<String> source = new ArrayList<>(List.of("x", "y"));
    ListParameter<String> tags = TAGS.defaultValue(source);
    source.add("z");

    assertThat(tags.defaultValue()).contains(List.of("x", "y"));
    assertThatThrownBy(() -> TAGS.defaultValue(List.of("a,b")))
        .hasMessage("default a,b of parameter 'tags' is not a comma-separated list of text values");
    assertThatThrownBy(() -> TAGS.defaultValue(List.of(" a"))).hasMessageContaining("is not a comma-separated");
    assertThatThrownBy(() -> TAGS.defaultValue(List.of(""))).hasMessageContaining("is not a comma-separated");
  }

  @Test
  void describesItsElements() {
    assertThat(MODEL.domain()).isEqualTo("a comma-separated list of file paths");
    assertThat(TAGS.domain()).isEqualTo("a comma-separated list of text values");
    assertThat(MODEL.allowedDescription()).isEqualTo(Map.of("elements", "path", "separator", ","));
    assertThat(MODEL.describeValue(List.of(Path.of("a"), Path.of("b")))).isEqualTo(List.of("a", "b"));
    assertThat(MODEL.format(List.of(Path.of("a"), Path.of("b")))).isEqualTo("a,b");
    assertThat(MODEL.type()).isEqualTo(ParameterType.LIST);
    assertThat(MODEL).isNotEqualTo(Parameter.textList("model"));
  }
}
