package io.flep.engine.rest;

/** An RFC 9457 problem the REST API answers with ({@code application/problem+json}). */
final class Problem extends Exception {
  private final int status;
  private final String title;

  Problem(int status, String title, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.title = title;
  }

  static Problem badRequest(String detail) {
    return new Problem(400, "INVALID_ARGUMENT", detail);
  }

  static Problem notFound(String detail) {
    return new Problem(404, "NOT_FOUND", detail);
  }

  int status() {
    return status;
  }

  String title() {
    return title;
  }
}
