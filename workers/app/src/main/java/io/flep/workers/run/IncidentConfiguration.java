package io.flep.workers.run;

import io.flep.workers.engine.EmbeddedEngine;
import io.flep.workers.engine.IncidentFeed;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Incidents come from the embedded engine's record stream; a cluster shows them in Operate instead. */
@Configuration(proxyBeanMethods = false)
public class IncidentConfiguration {

  @Bean
  IncidentSource incidentSource(ObjectProvider<EmbeddedEngine> engine) {
    EmbeddedEngine embedded = engine.getIfAvailable();
    if (embedded == null) {
      return processInstanceKey -> Optional.empty();
    }
    IncidentFeed feed = IncidentFeed.of(embedded);
    return feed::stopReason;
  }
}
