package io.flep.workers;

import io.camunda.client.annotation.Deployment;
import io.flep.workers.config.FlepProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The FLEP workers process: job workers of the enabled roles, the private database, and (embedded mode) the
 * engine. Deploys the lifecycle model and the trust decision on start, unless {@code
 * camunda.client.deployment.enabled=false} (the parties of {@code ./flep run}, whose federation admin deploys them).
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class) // no generated user: WebUsers
@EnableConfigurationProperties(FlepProperties.class)
@Deployment(resources = {FlepApplication.PROCESS_MODELS, FlepApplication.DECISION_MODELS})
public class FlepApplication {
  /** The lifecycle model. */
  public static final String PROCESS_MODELS = "classpath*:/bpmn/*.bpmn";
  /** The trust decision. */
  public static final String DECISION_MODELS = "classpath*:/bpmn/*.dmn";
}
