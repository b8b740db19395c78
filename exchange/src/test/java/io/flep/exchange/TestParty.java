package io.flep.exchange;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A party with a fresh Ed25519 key, for tests; {@link Directory} is what every consumer trusts. */
class TestParty implements Producer {
  private final String id;
  private final String role;
  private final KeyPair keys;

  TestParty(String id, String role) {
    this.id = id;
    this.role = role;
    try {
      this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String partyId() {
    return id;
  }

  @Override
  public String role() {
    return role;
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(keys.getPrivate());
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  PartyCredential credential() {
    return new PartyCredential(id, role, keys.getPublic().getEncoded(), new byte[32]);
  }

  /** A party pretending to be {@code id}, with a key of its own. */
  static TestParty impostor(String id, String role) {
    return new TestParty(id, role);
  }

  static final class Directory implements PartyDirectory {
    private final Map<String, PartyCredential> parties = new HashMap<>();

    Directory with(TestParty... members) {
      for (TestParty p : members) {
        parties.put(p.partyId(), p.credential());
      }
      return this;
    }

    @Override
    public Optional<PartyCredential> find(String partyId) {
      return Optional.ofNullable(parties.get(partyId));
    }
  }
}
