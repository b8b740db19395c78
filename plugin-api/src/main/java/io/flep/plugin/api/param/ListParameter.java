package io.flep.plugin.api.param;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A comma-separated list, e.g. {@code model=a.dncnn, b.dncnn}: the raw value is split at commas, each element is
 * trimmed and empty elements are dropped, so an empty raw value gives an empty list. Elements are texts
 * ({@link Parameter#textList}) or file paths ({@link Parameter#pathList}; checked to be syntactically valid paths on
 * this platform, not to exist). Elements cannot contain commas. The value is an unmodifiable list. Immutable; see
 * {@link Parameter}.
 *
 * @param <E> the element type, {@code String} or {@link Path}
 */
public final class ListParameter<E> extends Parameter<List<E>> {

  /** The element types; {@code id} is reported by {@link ParameterSet#describe()}. */
  private enum Element {
    TEXT("text", "text values"),
    PATH("path", "file paths");

    final String id;
    final String plural;

    Element(String id, String plural) {
      this.id = id;
      this.plural = plural;
    }
  }

  private final Element element;
  private final Function<String, E> parseElement;

  private ListParameter(Meta<List<E>> meta, Element element, Function<String, E> parseElement) {
    super(meta);
    this.element = element;
    this.parseElement = parseElement;
    requireDefaultAllowed();
  }

  static ListParameter<String> texts(Meta<List<String>> meta) {
    return new ListParameter<>(meta, Element.TEXT, s -> s);
  }

  static ListParameter<Path> paths(Meta<List<Path>> meta) {
    return new ListParameter<>(meta, Element.PATH, ListParameter::pathOrNull);
  }

  private static Path pathOrNull(String s) {
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A copy with this one-line description. */
  public ListParameter<E> description(String text) {
    return new ListParameter<>(meta.withDescription(text), element, parseElement);
  }

  /** A copy marked as affecting security. */
  public ListParameter<E> securityRelevant() {
    return new ListParameter<>(meta.withSecurityRelevant(), element, parseElement);
  }

  /**
   * A copy with this default (copied).
   *
   * @throws IllegalArgumentException if an element is empty or, as text, contains a comma or surrounding blanks
   */
  public ListParameter<E> defaultValue(List<E> value) {
    return new ListParameter<>(meta.withDefault(List.copyOf(value)), element, parseElement);
  }

  @Override
  public ParameterType type() {
    return ParameterType.LIST;
  }

  @Override
  public String domain() {
    return "a comma-separated list of " + element.plural;
  }

  @Override
  List<E> parse(String trimmed) {
    List<E> out = new ArrayList<>();
    for (String part : trimmed.split(",", -1)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      E e = parseElement.apply(p);
      if (e == null) {
        return null;
      }
      out.add(e);
    }
    return List.copyOf(out);
  }

  /** Every element must read back the same from its text form, so a value survives printing and re-parsing. */
  @Override
  boolean accepts(List<E> value) {
    for (E e : value) {
      String s = String.valueOf(e);
      if (s.isEmpty() || !s.equals(s.strip()) || s.contains(",")) {
        return false;
      }
    }
    return true;
  }

  @Override
  Object describeValue(List<E> value) {
    return value.stream().map(String::valueOf).toList();
  }

  @Override
  String format(List<E> value) {
    return String.join(",", value.stream().map(String::valueOf).toList());
  }

  @Override
  Object allowedDescription() {
    Map<String, Object> allowed = new LinkedHashMap<>();
    allowed.put("elements", element.id);
    allowed.put("separator", ",");
    return Collections.unmodifiableMap(allowed);
  }

  @Override
  Object domainKey() {
    return element;
  }
}
