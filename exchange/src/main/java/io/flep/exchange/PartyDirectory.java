package io.flep.exchange;

import java.util.Optional;

/** Who is who: the public credential of a party, by id. Consumers verify every producer against it. */
@FunctionalInterface
public interface PartyDirectory {
  Optional<PartyCredential> find(String partyId);
}
