package io.flep.exchange;

/** The party that publishes: its id and role, and its Ed25519 signature over a message. */
public interface Producer {
  String partyId();

  String role();

  byte[] sign(byte[] message);
}
