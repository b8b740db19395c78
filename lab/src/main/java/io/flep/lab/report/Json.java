package io.flep.lab.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one JSON writer of the lab's reports ({@code flep cipher eval|bench}, {@code flep denoiser eval|bench},
 * {@code flep he bench}): records and maps written by Jackson, two-space indented, keys in record-component or
 * map-iteration order, a final newline. Every non-finite {@code double}/{@code Double} (NaN, ±∞) is written as
 * {@code null}. A report that promises a number format rounds with {@link #fixed} or {@link #significant}.
 */
public final class Json {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new SimpleModule("flep-lab-reports")
          .addSerializer(Double.class, new NonFiniteAsNull())
          .addSerializer(Double.TYPE, new NonFiniteAsNull())
          .addSerializer(Formatted.class, new FormattedAsNumber()))
      .enable(SerializationFeature.INDENT_OUTPUT)
      .defaultPrettyPrinter(prettyPrinter())
      .build();

  private Json() {}

  /** {@code value} as a JSON document with a final newline. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code value} as a JSON document to {@code file}, creating its folder. */
  public static void write(Path file, Object value) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, write(value));
  }

  /** {@code s} as a JSON string literal, quotes included. */
  public static String string(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A number written as exactly this text (a finite {@code %f}/{@code %g} rendering). */
  public record Formatted(String text) {
    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code v} with exactly {@code decimals} digits after the point ({@code %.Nf}), or null if not finite. */
  public static Formatted fixed(double v, int decimals) {
    return format(v, "%." + decimals + "f");
  }

  /** {@code v} with {@code digits} significant digits ({@code %.Ng}), or null if not finite. */
  public static Formatted significant(double v, int digits) {
    return format(v, "%." + digits + "g");
  }

  private static Formatted format(double v, String format) {
    return Double.isFinite(v) ? new Formatted(String.format(Locale.ROOT, format, v)) : null;
  }

  /** {@code "key": value}, one property a line, two spaces per level, {@code []} and {@code {}} when empty. */
  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  private static final class FormattedAsNumber extends StdSerializer<Formatted> {
    FormattedAsNumber() {
      super(Formatted.class);
    }

    @Override
    public void serialize(Formatted value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeNumber(value.text());
    }
  }

  /** NaN and ±∞ have no JSON form: written as {@code null}. */
  private static final class NonFiniteAsNull extends StdSerializer<Double> {
    NonFiniteAsNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (Double.isFinite(value)) {
        gen.writeNumber(value);
      } else {
        gen.writeNull();
      }
    }
  }
}
