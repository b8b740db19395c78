package io.flep.workers.analyst;

import io.flep.workers.config.AnalystRole;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.failure.BadInputException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/** A process that is one analyst ({@code flep.party.role=analyst}) opens that analyst's job workers when it is up. */
@AnalystRole
public class AnalystParty {
  private final AnalystJobWorkers workers;
  private final FlepProperties properties;

  public AnalystParty(AnalystJobWorkers workers, FlepProperties properties) {
    this.workers = workers;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void openOwnWorkers() {
    FlepProperties.Party party = properties.party();
    if (party.single() && "analyst".equals(party.role())) {
      if (party.id() == null || party.id().isBlank()) {
        throw new BadInputException("flep.party.role is analyst but flep.party.id is not set: an analyst party needs"
            + " its id");
      }
      workers.actFor(party.id());
    }
  }
}
