package io.flep.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Everything that crosses organisations, and nothing else: cipher images, public keys, sealed key envelopes,
 * encrypted model updates, aggregates, partial decryptions, signed statements, the published global model.
 *
 * <p>Guarantees, for a consumer that {@link #fetch fetches} by reference: the bytes are the ones the reference's
 * address (SHA-256) names; they were signed with the Ed25519 key the {@link PartyDirectory} holds for the producer
 * the reference names; that producer has one of the roles the consumer accepts; run and kind are the reference's.
 * Anything else is an {@link ExchangeIntegrityException} naming the object and its producer. The storage itself is
 * not trusted: it can withhold objects, never substitute them. What the exchange does not give is confidentiality:
 * whatever is published is readable by everyone with access, so only ciphertexts, public keys and statements are.
 */
public final class Exchange {
  private final ExchangeStorage storage;
  private final PartyDirectory directory;

  public Exchange(ExchangeStorage storage, PartyDirectory directory) {
    this.storage = storage;
    this.directory = directory;
  }

  public ExchangeStorage storage() {
    return storage;
  }

  public PartyDirectory directory() {
    return directory;
  }

  /**
   * Signs and stores an object as {@code producer}. Ed25519 signatures are deterministic and the header has no time
   * stamp, so publishing the same content with the same attributes again (a retried task) yields the same object.
   */
  public ExchangeRef publish(Producer producer, UUID runId, String kind, Map<String, String> attributes,
      byte[] content) {
    ObjectHeader header = new ObjectHeader(runId, kind, producer.partyId(), producer.role(), attributes,
        Sha256.hex(content));
    byte[] body = ObjectCodec.body(header, content);
    byte[] stored = ObjectCodec.withSignature(body, producer.sign(ObjectCodec.signedMessage(body)));
    ExchangeRef ref = new ExchangeRef(Sha256.hex(stored), runId, kind, producer.partyId());
    try {
      storage.putIfAbsent(ref.key(), stored);
    } catch (IOException e) {
      throw new UncheckedIOException("could not publish " + ref + " to the exchange at " + storage.location() + ": "
          + e.getMessage(), e);
    }
    return ref;
  }

  /**
   * The object {@code ref} names, verified (see the class comment).
   *
   * @param producerRoles the roles whose objects of this kind the consumer accepts
   * @throws ExchangeIntegrityException if it is missing, altered, unsigned, signed by another party, or from a
   *     producer in another role
   */
  public VerifiedObject fetch(ExchangeRef ref, Set<String> producerRoles) {
    byte[] stored;
    try {
      stored = storage.get(ref.key()).orElseThrow(() -> new ExchangeIntegrityException(
          "exchange object " + ref + " (" + ref.address() + ") is not in the exchange at " + storage.location()
              + ": it was removed or never published"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + ref + " from the exchange at " + storage.location() + ": "
          + e.getMessage(), e);
    }
    String actual = Sha256.hex(stored);
    if (!actual.equals(ref.address())) {
      throw new ExchangeIntegrityException("exchange object " + ref + " was altered: its bytes have SHA-256 " + actual
          + ", the reference expects " + ref.address());
    }
    ObjectCodec.Decoded decoded;
    try {
      decoded = ObjectCodec.decode(stored);
    } catch (IllegalArgumentException e) {
      throw new ExchangeIntegrityException("exchange object " + ref + " is malformed: " + e.getMessage(), e);
    }
    ObjectHeader header = decoded.header();
    if (!header.runId().equals(ref.runId()) || !header.kind().equals(ref.kind())
        || !header.producer().equals(ref.producer())) {
      throw new ExchangeIntegrityException("exchange object " + ref + " says it is " + header.kind() + " by "
          + header.producer() + " of run " + header.runId() + ", not what its reference names");
    }
    if (!Sha256.hex(decoded.content()).equals(header.contentSha256())) {
      throw new ExchangeIntegrityException("exchange object " + ref + " has content that does not match its signed"
          + " digest");
    }
    if (!producerRoles.contains(header.producerRole())) {
      throw new ExchangeIntegrityException("exchange object " + ref + " was produced by '" + header.producer()
          + "' as " + header.producerRole() + ", but a " + ref.kind() + " is accepted only from " + producerRoles);
    }
    PartyCredential credential = directory.find(header.producer()).orElseThrow(() -> new ExchangeIntegrityException(
        "exchange object " + ref + " names producer '" + header.producer() + "', who is not a known party"));
    if (!credential.role().equals(header.producerRole())) {
      throw new ExchangeIntegrityException("exchange object " + ref + " claims producer '" + header.producer()
          + "' in role " + header.producerRole() + ", but that party's role is " + credential.role());
    }
    if (!credential.verifies(ObjectCodec.signedMessage(decoded.body()), decoded.signature())) {
      throw new ExchangeIntegrityException("the signature on exchange object " + ref + " is not '"
          + header.producer() + "''s: the object was forged or re-signed by another party");
    }
    return new VerifiedObject(ref, header, decoded.content());
  }

  /** The references of every object of this kind in the run, in storage order; fetch each to use it. */
  public List<ExchangeRef> list(UUID runId, String kind) {
    try {
      List<ExchangeRef> refs = new ArrayList<>();
      for (String key : storage.list(ExchangeRef.prefix(runId, kind))) {
        parse(key).ifPresent(refs::add);
      }
      return refs;
    } catch (IOException e) {
      throw new UncheckedIOException("could not list the exchange at " + storage.location() + ": " + e.getMessage(),
          e);
    }
  }

  private static Optional<ExchangeRef> parse(String key) {
    try {
      return Optional.of(ExchangeRef.fromKey(key));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // not an object key (a stray file): nothing a consumer could verify
    }
  }
}
