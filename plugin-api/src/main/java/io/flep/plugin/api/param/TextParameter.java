package io.flep.plugin.api.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A text parameter: any text (after trimming, possibly empty) unless restricted with {@link #matching}, in which
 * case the whole trimmed value must match the pattern. Immutable; see {@link Parameter}.
 */
public final class TextParameter extends Parameter<String> {

  /** {@code regex} and {@code meaning} are both null when the text is unrestricted. */
  private record Domain(String regex, String meaning) {}

  private final Domain domain;
  private final Pattern pattern;

  TextParameter(Meta<String> meta) {
    this(meta, new Domain(null, null));
  }

  private TextParameter(Meta<String> meta, Domain domain) {
    super(meta);
    this.domain = domain;
    try {
      this.pattern = domain.regex == null ? null : Pattern.compile(domain.regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("pattern of parameter '" + name() + "' is invalid: " + e.getMessage(), e);
    }
    requireDefaultAllowed();
  }

  /** A copy with this one-line description. */
  public TextParameter description(String text) {
    return new TextParameter(meta.withDescription(text), domain);
  }

  /** A copy marked as affecting security. */
  public TextParameter securityRelevant() {
    return new TextParameter(meta.withSecurityRelevant(), domain);
  }

  /** A copy with this default. @throws IllegalArgumentException if it does not match the pattern */
  public TextParameter defaultValue(String value) {
    return new TextParameter(meta.withDefault(value), domain);
  }

  /**
   * A copy accepting only texts that match {@code regex} as a whole; {@code meaning} says in words what that is and
   * becomes the {@link #domain()}, e.g. {@code "a plugin id (a-z, 0-9, '.', '_', '-'; at most 64 characters)"}.
   *
   * @throws IllegalArgumentException if the regex is invalid or the meaning blank
   */
  public TextParameter matching(String regex, String meaning) {
    Objects.requireNonNull(regex, "regex");
    Objects.requireNonNull(meaning, "meaning");
    if (meaning.isBlank()) {
      throw new IllegalArgumentException("pattern of parameter '" + name() + "' needs a meaning in words");
    }
    return new TextParameter(meta, new Domain(regex, meaning.strip()));
  }

  @Override
  public ParameterType type() {
    return ParameterType.TEXT;
  }

  @Override
  public String domain() {
    return domain.meaning == null ? "any text" : domain.meaning;
  }

  @Override
  String parse(String trimmed) {
    return accepts(trimmed) ? trimmed : null;
  }

  @Override
  boolean accepts(String value) {
    return pattern == null || pattern.matcher(value).matches();
  }

  @Override
  Object allowedDescription() {
    Map<String, Object> allowed = new LinkedHashMap<>();
    if (domain.regex != null) {
      allowed.put("pattern", domain.regex);
    }
    return Collections.unmodifiableMap(allowed);
  }

  @Override
  Object domainKey() {
    return domain;
  }
}
