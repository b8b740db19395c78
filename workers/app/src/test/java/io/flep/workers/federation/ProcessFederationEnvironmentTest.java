package io.flep.workers.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The secrets a party process gets in its environment arrive as the settings they stand for. */
class ProcessFederationEnvironmentTest {

  @Test
  void springBootBindsEachEnvironmentVariableToItsSetting() {
    for (String key : List.of("camunda.client.auth.client-secret", "flep.datasource.password",
        "flep.engine-datasource.password")) {
      String name = ProcessFederation.environmentName(key);
      assertThat(name).matches("[A-Z0-9_]+");
      StandardEnvironment environment = new StandardEnvironment();
      environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
          new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
              Map.of(name, "value-of-" + key)));
      assertThat(Binder.get(environment).bind(key, String.class).orElse(null)).as("%s as %s", key, name)
          .isEqualTo("value-of-" + key);
    }
    assertThat(ProcessFederation.environmentName("camunda.client.auth.client-secret"))
        .isEqualTo("CAMUNDA_CLIENT_AUTH_CLIENTSECRET");
  }
}
