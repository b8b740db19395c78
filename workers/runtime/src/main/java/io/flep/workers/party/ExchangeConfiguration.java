package io.flep.workers.party;

import io.flep.exchange.Exchange;
import io.flep.exchange.ExchangeStorage;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.trust.FederationTrust;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The exchange this process publishes to and fetches from ({@code flep.exchange}). */
@Configuration(proxyBeanMethods = false)
public class ExchangeConfiguration {

  @Bean(destroyMethod = "close")
  ExchangeStorage exchangeStorage(FlepProperties properties) throws IOException {
    return ExchangeStorage.open(properties.exchangeLocation());
  }

  @Bean
  Exchange exchange(ExchangeStorage storage, FederationTrust trust) {
    return new Exchange(storage, trust.directory());
  }
}
