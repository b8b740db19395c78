package io.flep.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTest {
  record Figures(double nan, Double infinite, double finite, Json.Formatted fixed, Json.Formatted missing,
      List<String> none) {}

  @Test
  void nonFiniteIsNullAndFormattedNumbersKeepTheirText() {
    String text = Json.write(new Figures(Double.NaN, Double.NEGATIVE_INFINITY, 0.5, Json.fixed(-1e-9, 6),
        Json.significant(Double.POSITIVE_INFINITY, 6), List.of()));

    assertThat(text).isEqualTo("""
        {
          "nan": null,
          "infinite": null,
          "finite": 0.5,
          "fixed": -0.000000,
          "missing": null,
          "none": []
        }
        """);
  }

  @Test
  void mapsKeepTheirOrderAndFilesGetTheirFolder(@TempDir Path dir) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", Double.NaN);
    m.put("a", Json.significant(0.015, 6));
    Path file = dir.resolve("sub/r.json");

    Json.write(file, m);

    assertThat(Files.readString(file)).isEqualTo("{\n  \"z\": null,\n  \"a\": 0.0150000\n}\n");
    assertThat(Json.string("a\"\\\n")).isEqualTo("\"a\\\"\\\\\\n\"");
  }
}
