package io.flep.workers.party;

import io.flep.workers.config.Roles;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.config.Parties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Registers the parties this process acts for in the exchange when it starts, before any job is taken, so that
 * others can seal secrets to them and verify what they publish. Analysts are registered per run by the process
 * that runs them ({@link PartyIdentities#of}).
 */
@Component
public class LocalParties implements InitializingBean {
  private final PartyIdentities identities;
  private final FlepProperties properties;

  public LocalParties(PartyIdentities identities, FlepProperties properties) {
    this.identities = identities;
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() {
    FlepProperties.Roles roles = properties.roles();
    if (roles.dataOwner()) {
      identities.of(Parties.DATA_OWNER, Roles.DATA_OWNER);
    }
    if (roles.iiot()) {
      identities.of(Parties.IIOT_SERVICES, Roles.IIOT);
    }
    if (roles.auditor()) {
      identities.of(Parties.AUDITOR, Roles.AUDITOR);
    }
    if (roles.cloud()) {
      identities.of(properties.cloud().id(), Roles.CLOUD);
    }
  }
}
