package io.flep.workers.engine;

import io.camunda.client.CamundaClient;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.camunda.zeebe.client.ZeebeClient;
import io.flep.workers.config.FlepProperties;
import io.flep.workers.db.EmbeddedPostgresHolder;
import io.flep.workers.db.EmbeddedPostgresServer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code flep.engine=embedded|remote} (default {@code embedded}). Registered in {@code
 * META-INF/spring.factories}, so it runs for every Spring Boot application in this module, before
 * any bean (in particular the Camunda SDK's {@code CamundaClient}) is created.
 *
 * <p><b>embedded</b>: starts {@link EmbeddedEngine} (FLEP's own engine, its state in its own
 * database: the external {@code flep.engine-datasource.*} one, or the embedded PostgreSQL, started
 * here and registered as bean {@value #POSTGRES_BEAN}) on 127.0.0.1 ({@code flep.embedded-engine.port},
 * default 0 = a free port), registers it as bean {@value #ENGINE_BEAN}, and puts a highest-precedence
 * property source in front of everything else that points the SDK at it: {@code
 * camunda.client.mode=self-managed}, {@code camunda.client.grpc-address=http://127.0.0.1:PORT},
 * {@code camunda.client.rest-address=http://127.0.0.1:REST_PORT} (the engine's REST monitoring
 * API, {@code flep.embedded-engine.rest-port}, default 0 = a free port), {@code
 * camunda.client.prefer-rest-over-grpc=false}, {@code camunda.client.auth.method=none}. The engine
 * is stopped after the client when the context closes (or if startup fails).
 *
 * <p><b>remote</b>: nothing is started; the standard {@code camunda.client.*} properties apply
 * (self-managed or SaaS). Nothing is started either when {@code camunda.client.enabled=false}.
 */
public final class EmbeddedEngineInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String MODE_PROPERTY = "flep.engine";
  public static final String PORT_PROPERTY = "flep.embedded-engine.port";
  public static final String REST_PORT_PROPERTY = "flep.embedded-engine.rest-port";
  public static final String ENGINE_BEAN = "flepEmbeddedEngine";
  public static final String PROPERTY_SOURCE = "flepEmbeddedEngine";
  public static final String POSTGRES_BEAN = "embeddedPostgres";

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEngineInitializer.class);

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    String mode = env.getProperty(MODE_PROPERTY, "embedded").trim().toLowerCase(Locale.ROOT);
    switch (mode) {
      case "remote" -> {
        LOG.info(
            "flep.engine=remote: connecting to {} with the camunda.client.* settings",
            env.getProperty("camunda.client.grpc-address", "the configured Camunda cluster"));
        return;
      }
      case "embedded", "" -> {}
      default ->
          throw new IllegalStateException(
              "flep.engine must be 'embedded' or 'remote', not '" + mode + "'");
    }
    if (!env.getProperty("camunda.client.enabled", Boolean.class, true)
        || env.getPropertySources().contains(PROPERTY_SOURCE)) {
      return; // client disabled, or a parent context already runs the engine
    }

    EmbeddedEngine engine = startEngine(context, env);
    String address = engine.grpcAddress().toString();
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("camunda.client.mode", "self-managed");
    properties.put("camunda.client.grpc-address", address);
    properties.put("camunda.client.rest-address", engine.restAddress().toString());
    properties.put("camunda.client.prefer-rest-over-grpc", "false");
    properties.put("camunda.client.auth.method", "none");
    env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));

    registerEngine(context, engine);
    // If startup fails before the bean is destroyed normally, still release the port and threads.
    context.addApplicationListener(
        event -> {
          if (event instanceof ApplicationFailedEvent) {
            engine.stop();
          }
        });
  }

  /**
   * The engine keeps its state in its own database: an external one ({@code
   * flep.engine-datasource.*}) or the embedded PostgreSQL under the data directory, which is started
   * here (before any bean) and handed to the application as its {@link EmbeddedPostgresHolder} bean
   * (the private database uses it too unless {@code flep.datasource.url} is set).
   */
  private static EmbeddedEngine startEngine(
      ConfigurableApplicationContext context, ConfigurableEnvironment env) {
    FlepProperties properties =
        Binder.get(env).bindOrCreate("flep", Bindable.of(FlepProperties.class));
    int port = env.getProperty(PORT_PROPERTY, Integer.class, 0);
    int restPort = env.getProperty(REST_PORT_PROPERTY, Integer.class, 0);
    HikariConfig config = new HikariConfig();
    config.setPoolName("flep-engine-db");
    config.setMaximumPoolSize(4);
    config.setConnectionTimeout(5_000);
    FlepProperties.Datasource external = properties.engineDatasource();
    if (external.external()) {
      config.setJdbcUrl(external.url());
      config.setUsername(external.username());
      config.setPassword(external.password());
    } else {
      EmbeddedPostgresHolder postgres =
          EmbeddedPostgresHolder.of(EmbeddedPostgresServer.start(properties.dataDir()));
      config.setJdbcUrl(postgres.jdbcUrl());
      config.setUsername(postgres.username());
      config.setPassword(postgres.password());
      registerPostgres(context, postgres);
    }
    HikariDataSource dataSource = new HikariDataSource(config);
    try {
      return new EmbeddedEngine(port, restPort, dataSource, dataSource).start();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  private static void registerPostgres(
      ConfigurableApplicationContext context, EmbeddedPostgresHolder postgres) {
    if (context instanceof GenericApplicationContext generic) {
      generic.registerBean(
          POSTGRES_BEAN, EmbeddedPostgresHolder.class, () -> postgres,
          bd -> bd.setDestroyMethodName("close"));
    } else {
      context.getBeanFactory().registerSingleton(POSTGRES_BEAN, postgres);
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent) {
              postgres.closeQuietly();
            }
          });
    }
    context.addApplicationListener(
        event -> {
          if (event instanceof ApplicationFailedEvent) {
            postgres.closeQuietly();
          }
        });
  }

  private static void registerEngine(ConfigurableApplicationContext context, EmbeddedEngine engine) {
    if (context instanceof GenericApplicationContext generic) {
      generic.registerBean(
          ENGINE_BEAN,
          EmbeddedEngine.class,
          () -> engine,
          bd -> {
            bd.setDestroyMethodName("close");
            if (generic.containsBeanDefinition(POSTGRES_BEAN)) {
              bd.setDependsOn(POSTGRES_BEAN); // stopped before its database
            }
          });
    } else {
      context.getBeanFactory().registerSingleton(ENGINE_BEAN, engine);
      context.addApplicationListener(
          event -> {
            if (event instanceof ContextClosedEvent) {
              engine.stop();
            }
          });
    }
    // Clients depend on the engine: created after it, closed before it (no errors at shutdown).
    context.addBeanFactoryPostProcessor(EmbeddedEngineInitializer::clientsDependOnEngine);
  }

  @SuppressWarnings("deprecation") // the starter still creates the legacy ZeebeClient too
  private static void clientsDependOnEngine(ConfigurableListableBeanFactory beanFactory) {
    String[] clients =
        Stream.of(CamundaClient.class, ZeebeClient.class)
            .flatMap(type -> Arrays.stream(beanFactory.getBeanNamesForType(type, true, false)))
            .toArray(String[]::new);
    for (String name : clients) {
      if (!beanFactory.containsBeanDefinition(name)) {
        continue;
      }
      BeanDefinition definition = beanFactory.getBeanDefinition(name);
      String[] dependsOn =
          definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
      if (!Arrays.asList(dependsOn).contains(ENGINE_BEAN)) {
        definition.setDependsOn(
            Stream.concat(Arrays.stream(dependsOn), Stream.of(ENGINE_BEAN)).toArray(String[]::new));
      }
    }
  }
}
