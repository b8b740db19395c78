package io.flep.workers;

import io.camunda.client.annotation.Deployment;
import io.flep.workers.config.FlepProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The FLEP workers process: job workers of the enabled roles, the private database, and (embedded mode) the
 * engine. Deploys the lifecycle model and the trust decision on start.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class) // no generated user: WebUsers
@EnableConfigurationProperties(FlepProperties.class)
@Deployment(resources = {"classpath*:/bpmn/*.bpmn", "classpath*:/bpmn/*.dmn"})
public class FlepApplication {}
