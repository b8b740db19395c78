package io.flep.engine.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Variable values as JSON text and back. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  public static Object read(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A JSON object document (empty or blank = no variables). */
  public static Map<String, Object> readDocument(String json) {
    if (json == null || json.isBlank()) {
      return new LinkedHashMap<>();
    }
    try {
      Map<String, Object> document = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
      return document == null ? new LinkedHashMap<>() : document;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "expected the variables to be a JSON object, but got: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write value as JSON: " + e.getOriginalMessage(), e);
    }
  }
}
