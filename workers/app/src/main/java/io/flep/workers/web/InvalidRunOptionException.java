package io.flep.workers.web;

/** A run option of {@code POST /api/runs} that is unknown, of the wrong type or out of range. */
final class InvalidRunOptionException extends IllegalArgumentException {
  private final String field;

  /**
   * @param field the option as the JSON body names it ({@code analysts}, {@code differentialPrivacy.clipNorm}),
   *     or null when the body as a whole is wrong
   */
  InvalidRunOptionException(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
