package io.flep.exchange.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A few lines of the S3 API over HTTP on loopback (PUT, HEAD, GET of one bucket, path style; signatures not checked),
 * for what S3Proxy cannot show: a server that honours {@code If-None-Match: *} on PUT, one that answers 501 to it,
 * one that fails. It records every request as "METHOD key[ if-none-match]".
 */
final class StubS3Server implements AutoCloseable {
  static final String BUCKET = "stub-bucket";

  enum Behaviour { HONOURS_IF_NONE_MATCH, NOT_IMPLEMENTED, FAILS }

  private final HttpServer http;
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private volatile Behaviour behaviour;

  StubS3Server(Behaviour behaviour) throws IOException {
    this.behaviour = behaviour;
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::handle);
    http.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
  }

  S3Storage storage() {
    return S3Storage.builder().bucket(BUCKET).endpoint(endpoint()).pathStyle(true)
        .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub-id", "stub-secret")))
        .build();
  }

  void behave(Behaviour behaviour) {
    this.behaviour = behaviour;
  }

  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  synchronized void forgetRequests() {
    requests.clear();
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String key = path.startsWith("/" + BUCKET + "/") ? path.substring(BUCKET.length() + 2) : "";
      boolean conditional = "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"));
      byte[] body = payload(exchange);
      String method = exchange.getRequestMethod();
      synchronized (this) {
        requests.add(method + " " + key + (conditional ? " if-none-match" : ""));
      }
      if (behaviour == Behaviour.FAILS) {
        error(exchange, 500, "InternalError", "We encountered an internal error. Please try again.");
        return;
      }
      switch (method) {
        case "PUT" -> {
          if (conditional && behaviour == Behaviour.NOT_IMPLEMENTED) {
            error(exchange, 501, "NotImplemented", "A header you provided implies functionality that is not"
                + " implemented");
          } else if (conditional && objects.putIfAbsent(key, body) != null) {
            error(exchange, 412, "PreconditionFailed", "At least one of the pre-conditions you specified did not"
                + " hold");
          } else {
            objects.put(key, body);
            exchange.getResponseHeaders().set("ETag", "\"stub\"");
            exchange.sendResponseHeaders(200, -1);
          }
        }
        case "HEAD" -> {
          byte[] object = objects.get(key);
          if (object != null) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(object.length));
          }
          exchange.sendResponseHeaders(object == null ? 404 : 200, -1);
        }
        case "GET" -> {
          byte[] object = objects.get(key);
          if (object == null) {
            error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
          } else {
            exchange.sendResponseHeaders(200, object.length == 0 ? -1 : object.length);
            exchange.getResponseBody().write(object);
          }
        }
        default -> error(exchange, 501, "NotImplemented", method + " is not implemented by this stub");
      }
    }
  }

  /** The request body, with the SDK's aws-chunked framing (hex size;chunk-signature=...) taken off. */
  private static byte[] payload(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readAllBytes();
    String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
    if (sha == null || !sha.startsWith("STREAMING-")) {
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = 0;
    while (true) {
      int lineEnd = indexOfCrlf(raw, at);
      String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(header.split(";")[0], 16);
      if (size == 0) {
        return out.toByteArray();
      }
      out.write(raw, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }

  private static int indexOfCrlf(byte[] bytes, int from) {
    for (int i = from; i + 1 < bytes.length; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("aws-chunked body without a chunk header end");
  }

  private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
    byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + message
        + "</Message><RequestId>stub</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, xml.length);
    exchange.getResponseBody().write(xml);
  }
}
