package io.flep.workers.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.flep.workers.policy.RunPolicy;
import io.flep.workers.privacy.DifferentialPrivacy;
import io.flep.workers.privacy.RunPrivacy;
import io.flep.workers.run.RunRequest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run options of {@code POST /api/runs} as JSON, the same options {@code ./flep run} takes:
 * {@code analysts, rounds, cloudMode, targetAccuracy, dataSource, dataCipher, dataCipherOptions,
 * heScheme, heSchemeOptions, seed, minContributors, roundDeadline (ISO-8601, e.g. "PT10M"), reproduction,
 * differentialPrivacy {noiseMultiplier, clipNorm, delta}}; what is left out has {@code ./flep run}'s default. An unknown option, a value of the wrong type
 * or out of range is an {@link InvalidRunOptionException} naming the option.
 */
public final class RunRequestJson {
  private static final List<String> OPTIONS = List.of(
      "analysts", "cloudMode", "dataCipher", "dataCipherOptions", "dataSource", "differentialPrivacy", "heScheme",
      "heSchemeOptions", "minContributors", "reproduction", "roundDeadline", "rounds", "seed", "targetAccuracy");
  private static final List<String> PRIVACY_OPTIONS = List.of("noiseMultiplier", "clipNorm", "delta");
  /** {@code flep run}'s flags, which RunRequest's messages name, and the JSON options they are. */
  private static final Map<String, String> FLAGS = flags();

  private RunRequestJson() {}

  /**
   * The run options in {@code body}.
   *
   * @throws InvalidRunOptionException naming the option that is unknown, of the wrong type or out of range
   */
  public static RunRequest parse(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return RunRequest.builder().build();
    }
    if (!body.isObject()) {
      throw new InvalidRunOptionException(null, "the run options must be a JSON object, not " + body.getNodeType());
    }
    requireKnown(body, OPTIONS, "");
    RunRequest.Builder run = RunRequest.builder();
    if (body.has("analysts")) {
      run.analysts(integer(body, "analysts", ""));
    }
    if (body.has("rounds")) {
      run.rounds(integer(body, "rounds", ""));
    }
    if (body.has("cloudMode")) {
      run.cloudMode(text(body, "cloudMode"));
    }
    if (body.has("targetAccuracy")) {
      run.targetAccuracy(number(body, "targetAccuracy", ""));
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
      run.seed(longInteger(body, "seed"));
    }
    if (body.has("minContributors")) {
      run.minContributors(integer(body, "minContributors", ""));
    }
    if (body.has("roundDeadline")) {
      String deadline = text(body, "roundDeadline");
      if (deadline == null) {
        throw new InvalidRunOptionException("roundDeadline", "'roundDeadline' must be an ISO-8601 duration such as"
            + " \"PT10M\", not null");
      }
      try {
        run.roundDeadline(RunPolicy.parseRoundDeadline(deadline, "'roundDeadline'"));
      } catch (IllegalArgumentException e) {
        throw new InvalidRunOptionException("roundDeadline", e.getMessage());
      }
    }
    if (body.has("dataCipherOptions")) {
      run.dataCipherOptions(options(body, "dataCipherOptions"));
    }
    if (body.has("reproduction")) {
      if (!body.get("reproduction").isBoolean()) {
        throw new InvalidRunOptionException("reproduction", "reproduction must be true or false");
      }
      run.reproduction(body.get("reproduction").asBoolean());
    }
    if (body.has("heSchemeOptions")) {
      run.heSchemeOptions(options(body, "heSchemeOptions"));
    }
    try {
      if (body.has("differentialPrivacy") && !body.get("differentialPrivacy").isNull()) {
        run.differentialPrivacy(privacy(body.get("differentialPrivacy")));
      }
      return run.build();
    } catch (IllegalArgumentException e) {
      throw named(e);
    }
  }

  /** {@code request} as run options that {@link #parse} reads back to an equal request. */
  public static com.fasterxml.jackson.databind.node.ObjectNode write(RunRequest request) {
    var json = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    var body = json.objectNode();
    body.put("analysts", request.analysts());
    body.put("rounds", request.rounds());
    body.put("cloudMode", request.cloudMode());
    body.put("targetAccuracy", request.targetAccuracy());
    if (request.dataSource() != null) {
      body.put("dataSource", request.dataSource());
    }
    if (request.dataCipher() != null) {
      body.put("dataCipher", request.dataCipher());
    }
    if (request.heScheme() != null) {
      body.put("heScheme", request.heScheme());
    }
    body.put("seed", request.seed());
    body.put("minContributors", request.minContributors());
    body.put("roundDeadline", request.roundDeadline().toString());
    request.dataCipherOptions().forEach(body.putObject("dataCipherOptions")::put);
    request.heSchemeOptions().forEach(body.putObject("heSchemeOptions")::put);
    body.put("reproduction", request.reproduction());
    request.differentialPrivacy().ifPresent(dp -> body.putObject("differentialPrivacy")
        .put("noiseMultiplier", dp.noiseMultiplier()).put("clipNorm", dp.clipNorm()).put("delta", dp.delta()));
    return body;
  }

  private static DifferentialPrivacy privacy(JsonNode dp) {
    if (!dp.isObject()) {
      throw new InvalidRunOptionException("differentialPrivacy",
          "'differentialPrivacy' must be an object {noiseMultiplier, clipNorm, delta}, not " + dp);
    }
    requireKnown(dp, PRIVACY_OPTIONS, "differentialPrivacy.");
    if (!dp.has("noiseMultiplier")) {
      throw new InvalidRunOptionException("differentialPrivacy.noiseMultiplier",
          "'differentialPrivacy.noiseMultiplier' is missing (the noise multiplier z, e.g. 1.1)");
    }
    return new DifferentialPrivacy(number(dp, "noiseMultiplier", "differentialPrivacy."),
        dp.has("clipNorm") ? number(dp, "clipNorm", "differentialPrivacy.") : RunPrivacy.DEFAULT_CLIP_NORM,
        dp.has("delta") ? number(dp, "delta", "differentialPrivacy.") : RunPrivacy.DEFAULT_DELTA);
  }

  /** RunRequest and DifferentialPrivacy name {@code flep run}'s flags; the HTTP client sent JSON options. */
  private static InvalidRunOptionException named(IllegalArgumentException e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    String field = null;
    int first = Integer.MAX_VALUE;
    for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
      int at = message.indexOf(flag.getKey());
      if (at >= 0 && at < first) {
        first = at;
        field = flag.getValue();
      }
    }
    for (Map.Entry<String, String> flag : FLAGS.entrySet()) {
      message = message.replace(flag.getKey(), "'" + flag.getValue() + "'");
    }
    return new InvalidRunOptionException(field, message);
  }

  private static void requireKnown(JsonNode body, List<String> known, String prefix) {
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new InvalidRunOptionException(prefix + name, "unknown run option '" + prefix + name + "'; known: "
            + String.join(", ", known.stream().map(k -> prefix + k).toList()));
      }
    }
  }

  private static int integer(JsonNode body, String name, String prefix) {
    JsonNode value = body.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new InvalidRunOptionException(prefix + name, "'" + prefix + name + "' must be an integer, not " + value);
    }
    return value.asInt();
  }

  private static long longInteger(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new InvalidRunOptionException(name, "'" + name + "' must be an integer, not " + value);
    }
    return value.asLong();
  }

  private static double number(JsonNode body, String name, String prefix) {
    JsonNode value = body.get(name);
    if (!value.isNumber()) {
      throw new InvalidRunOptionException(prefix + name, "'" + prefix + name + "' must be a number, not " + value);
    }
    return value.asDouble();
  }

  private static String text(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new InvalidRunOptionException(name, "'" + name + "' must be a string, not " + value);
    }
    return value.asText();
  }

  private static Map<String, String> options(JsonNode body, String name) {
    JsonNode value = body.get(name);
    if (!value.isObject()) {
      throw new InvalidRunOptionException(name, "'" + name + "' must be an object of option names to values, not "
          + value);
    }
    Map<String, String> options = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> option = fields.next();
      if (!option.getValue().isValueNode() || option.getValue().isNull()) {
        throw new InvalidRunOptionException(name + "." + option.getKey(), "'" + name + "." + option.getKey()
            + "' must be a string, number or boolean, not " + option.getValue());
      }
      options.put(option.getKey(), option.getValue().asText());
    }
    return options;
  }

  private static Map<String, String> flags() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("--min-contributors", "minContributors");
    flags.put("--round-deadline", "roundDeadline");
    flags.put("--reproduction", "reproduction");
    flags.put("--analysts", "analysts");
    flags.put("--rounds", "rounds");
    flags.put("--cloud", "cloudMode");
    flags.put("--target-accuracy", "targetAccuracy");
    flags.put("--cipher-option", "dataCipherOptions");
    flags.put("--he-option", "heSchemeOptions");
    flags.put("--dp-noise", "differentialPrivacy.noiseMultiplier");
    flags.put("--dp-clip", "differentialPrivacy.clipNorm");
    flags.put("--dp-delta", "differentialPrivacy.delta");
    return flags;
  }
}
