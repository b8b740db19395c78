package io.flep.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The stored form of an exchange object: {@code FLEPX1}, then length-prefixed fields (run, kind, producer, role,
 * attributes, content digest, content), then the producer's Ed25519 signature over a domain label and
 * every byte before it. One canonical encoding, so the address (the SHA-256 of these bytes) names exactly one
 * object.
 */
final class ObjectCodec {
  static final byte[] MAGIC = "FLEPX1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN = "flep-exchange-object-v1".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_FIELD = Integer.MAX_VALUE - 64;
  private static final int MAX_ATTRIBUTES = 64;

  private ObjectCodec() {}

  /** The signed part of an object: everything but the signature. */
  static byte[] body(ObjectHeader header, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
    out.writeBytes(MAGIC);
    field(out, header.runId().toString());
    field(out, header.kind());
    field(out, header.producer());
    field(out, header.producerRole());
    Map<String, String> attributes = new TreeMap<>(header.attributes());
    field(out, Integer.toString(attributes.size()));
    attributes.forEach((k, v) -> {
      field(out, k);
      field(out, v);
    });
    field(out, HexFormat.of().parseHex(header.contentSha256()));
    field(out, content);
    return out.toByteArray();
  }

  static byte[] signedMessage(byte[] body) {
    byte[] message = Arrays.copyOf(DOMAIN, DOMAIN.length + body.length);
    System.arraycopy(body, 0, message, DOMAIN.length, body.length);
    return message;
  }

  static byte[] withSignature(byte[] body, byte[] signature) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + signature.length + 4);
    out.writeBytes(body);
    field(out, signature);
    return out.toByteArray();
  }

  /** A parsed object; {@code body} is the part the signature covers. */
  record Decoded(ObjectHeader header, byte[] content, byte[] body, byte[] signature) {}

  /** @throws IllegalArgumentException if the bytes are not one well-formed object */
  static Decoded decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[MAGIC.length];
    if (bytes.length < MAGIC.length) {
      throw new IllegalArgumentException("too short to be an exchange object");
    }
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException("not an exchange object (no FLEPX1 header)");
    }
    UUID runId = UUID.fromString(string(in));
    String kind = string(in);
    String producer = string(in);
    String role = string(in);
    int count = Integer.parseInt(string(in));
    if (count < 0 || count > MAX_ATTRIBUTES) {
      throw new IllegalArgumentException("implausible attribute count " + count);
    }
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      attributes.put(string(in), string(in));
    }
    String contentSha = HexFormat.of().formatHex(field(in));
    byte[] content = field(in);
    int bodyLength = in.position();
    byte[] signature = field(in);
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(in.remaining() + " bytes after the signature");
    }
    return new Decoded(new ObjectHeader(runId, kind, producer, role, attributes, contentSha), content,
        Arrays.copyOf(bytes, bodyLength), signature);
  }

  private static void field(ByteArrayOutputStream out, String value) {
    field(out, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
  }

  private static String string(ByteBuffer in) {
    return new String(field(in), StandardCharsets.UTF_8);
  }

  private static byte[] field(ByteBuffer in) {
    if (in.remaining() < 4) {
      throw new IllegalArgumentException("truncated exchange object");
    }
    int n = in.getInt();
    if (n < 0 || n > MAX_FIELD || n > in.remaining()) {
      throw new IllegalArgumentException("truncated exchange object (field of " + n + " bytes, "
          + in.remaining() + " left)");
    }
    byte[] value = new byte[n];
    in.get(value);
    return value;
  }
}
