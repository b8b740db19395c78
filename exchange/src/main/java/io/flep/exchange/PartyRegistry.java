package io.flep.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parties' public credentials, kept in the exchange under {@code parties/<id>.credential}, each signed with the
 * key it announces. A {@link PartyDirectory} over them: the first credential seen for a party is the one trusted
 * from then on (put-if-absent in storage; pinned in this process), so a later substitute is refused, not used.
 *
 * <p>Trust on first use: whoever registers a party id first owns it. A federation whose credentials are certified
 * by a root (X.509) replaces this; until then, parties must register before anyone else can claim their ids.
 */
public final class PartyRegistry implements PartyDirectory {
  private static final byte[] MAGIC = "FLEPC1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOMAIN = "flep-party-credential-v1".getBytes(StandardCharsets.US_ASCII);

  private final ExchangeStorage storage;
  private final Map<String, PartyCredential> pinned = new ConcurrentHashMap<>();

  public PartyRegistry(ExchangeStorage storage) {
    this.storage = storage;
  }

  /**
   * Registers {@code credential}, signed by its owner. Registering the same credential again is harmless.
   *
   * @throws ExchangeIntegrityException if the id is registered with another credential
   */
  public void register(PartyCredential credential, Producer owner) {
    if (!owner.partyId().equals(credential.partyId()) || !owner.role().equals(credential.role())) {
      throw new IllegalArgumentException("a party registers only its own credential");
    }
    byte[] body = body(credential);
    byte[] signature = owner.sign(signedMessage(body));
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + signature.length + 4);
    out.writeBytes(body);
    field(out, signature);
    try {
      storage.putIfAbsent(key(credential.partyId()), out.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("could not register party '" + credential.partyId() + "' in the exchange at "
          + storage.location() + ": " + e.getMessage(), e);
    }
    PartyCredential registered = find(credential.partyId()).orElseThrow();
    if (!registered.equals(credential)) {
      throw new ExchangeIntegrityException("party id '" + credential.partyId() + "' is already registered in the"
          + " exchange with another key; this party cannot take it over");
    }
  }

  @Override
  public Optional<PartyCredential> find(String partyId) {
    PartyCredential known = pinned.get(partyId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<byte[]> stored;
    try {
      stored = storage.get(key(partyId));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read party '" + partyId + "' from the exchange at "
          + storage.location() + ": " + e.getMessage(), e);
    }
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    PartyCredential credential = decode(partyId, stored.get());
    return Optional.of(pinned.computeIfAbsent(partyId, id -> credential));
  }

  private static String key(String partyId) {
    ObjectHeader.checkName("party id", partyId);
    return "parties/" + partyId + ".credential";
  }

  private static byte[] body(PartyCredential c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    out.writeBytes(MAGIC);
    field(out, c.partyId().getBytes(StandardCharsets.UTF_8));
    field(out, c.role().getBytes(StandardCharsets.UTF_8));
    field(out, c.signingKey());
    field(out, c.agreementKey());
    return out.toByteArray();
  }

  private static byte[] signedMessage(byte[] body) {
    byte[] message = Arrays.copyOf(DOMAIN, DOMAIN.length + body.length);
    System.arraycopy(body, 0, message, DOMAIN.length, body.length);
    return message;
  }

  private static PartyCredential decode(String partyId, byte[] bytes) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("no FLEPC1 header");
      }
      String id = new String(field(in), StandardCharsets.UTF_8);
      String role = new String(field(in), StandardCharsets.UTF_8);
      PartyCredential credential = new PartyCredential(id, role, field(in), field(in));
      int bodyLength = in.position();
      byte[] signature = field(in);
      if (in.hasRemaining() || !id.equals(partyId)) {
        throw new IllegalArgumentException(id.equals(partyId) ? "trailing bytes" : "it names party '" + id + "'");
      }
      if (!credential.verifies(signedMessage(Arrays.copyOf(bytes, bodyLength)), signature)) {
        throw new IllegalArgumentException("its self-signature does not verify");
      }
      return credential;
    } catch (RuntimeException e) {
      throw new ExchangeIntegrityException("the exchange's credential of party '" + partyId + "' is invalid: "
          + e.getMessage(), e);
    }
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    out.write(value.length >>> 8);
    out.write(value.length);
    out.writeBytes(value);
  }

  private static byte[] field(ByteBuffer in) {
    int n = ((in.get() & 0xff) << 8) | (in.get() & 0xff);
    byte[] value = new byte[n];
    in.get(value);
    return value;
  }
}
