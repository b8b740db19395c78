package io.flep.workers.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.run.RunRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The run options of {@code POST /api/runs} as JSON, the same options {@code ./flep run} takes:
 * {@code analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, dataCipherOptions,
 * heScheme, heSchemeOptions, seed, minContributors, differentialPrivacy {noiseMultiplier, clipNorm,
 * delta}}. An unknown option or a bad value is an {@link IllegalArgumentException} naming it.
 */
final class RunRequestJson {
  private static final Set<String> OPTIONS = Set.of(
      "analysts", "rounds", "cloudMode", "targetAccuracy", "dataSource", "dataCipher", "dataCipherOptions",
      "heScheme", "heSchemeOptions", "seed", "minContributors", "differentialPrivacy");

  private RunRequestJson() {}

  static RunRequest parse(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return RunRequest.builder().build();
    }
    if (!body.isObject()) {
      throw new IllegalArgumentException("the run options must be a JSON object");
    }
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException("unknown run option '" + name + "'; known: " + String.join(", ",
            OPTIONS.stream().sorted().toList()));
      }
    }
    RunRequest.Builder run = RunRequest.builder();
    if (body.has("analysts")) {
      run.analysts(integer(body, "analysts"));
    }
    if (body.has("rounds")) {
      run.rounds(integer(body, "rounds"));
    }
    if (body.has("cloudMode")) {
      run.cloudMode(text(body, "cloudMode"));
    }
    if (body.has("targetAccuracy")) {
      run.targetAccuracy(number(body, "targetAccuracy"));
    }
    if (body.has("dataSource")) {
      run.dataSource(text(body, "dataSource"));
    }
    if (body.has("dataCipher")) {
      run.dataCipher(text(body, "dataCipher"));
    }
    if (body.has("heScheme")) {
      run.heScheme(text(body, "heScheme"));
    }
    if (body.has("seed")) {
      run.seed(body.get("seed").asLong());
    }
    if (body.has("minContributors")) {
      run.minContributors(integer(body, "minContributors"));
    }
    if (body.has("dataCipherOptions")) {
      run.dataCipherOptions(options(body, "dataCipherOptions"));
    }
    if (body.has("heSchemeOptions")) {
      run.heSchemeOptions(options(body, "heSchemeOptions"));
    }
    if (body.has("differentialPrivacy")) {
      JsonNode dp = body.get("differentialPrivacy");
      run.differentialPrivacy(new DifferentialPrivacy(
          number(dp, "noiseMultiplier"), number(dp, "clipNorm"), dp.has("delta") ? number(dp, "delta") : 1e-5));
    }
    return run.build();
  }

  private static int integer(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (!value.canConvertToInt() || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + name + "' must be an integer, not " + value);
    }
    return value.asInt();
  }

  private static double number(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException("'" + name + "' must be a number, not " + value);
    }
    return value.asDouble();
  }

  private static String text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("'" + name + "' must be a string, not " + value);
    }
    return value.asText();
  }

  private static Map<String, String> options(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (!value.isObject()) {
      throw new IllegalArgumentException("'" + name + "' must be an object of option names to values");
    }
    Map<String, String> options = new LinkedHashMap<>();
    value.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
    return options;
  }
}
