package io.flep.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.response.Topology;
import io.flep.engine.FlepEngine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway and the token endpoint over TLS (a PKCS#12 identity made with the JDK's keytool):
 * the Camunda client connects with the engine's certificate as its trust anchor; a plain-text
 * client gets nowhere.
 */
class TlsTest {
  static final String SECRET = "tls-client-secret-0123456789";

  @Test
  void theClientTalksToTheEngineOverTlsWithOAuth(@TempDir Path dir) throws Exception {
    Path passwordFile = dir.resolve("store.password");
    Files.writeString(passwordFile, "store-password-" + System.nanoTime());
    Path keyStore = dir.resolve("engine.p12");
    Path certificate = dir.resolve("engine.pem");
    Path trustStore = dir.resolve("trust.p12");
    keytool("-genkeypair", "-alias", "engine", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:file", passwordFile.toString());
    keytool("-exportcert", "-rfc", "-alias", "engine", "-keystore", keyStore.toString(),
        "-storepass:file", passwordFile.toString(), "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", "engine", "-file", certificate.toString(),
        "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:file", passwordFile.toString());
    String password = Files.readString(passwordFile).strip();

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        FlepEngine engine =
            FlepEngine.builder()
                .dataSource(postgres.getPostgresDatabase())
                .tls(TlsIdentity.load(keyStore, password.toCharArray()))
                .authentication(EngineClients.of(List.of(
                    new EngineClient("ops", SecretHash.of(SECRET.toCharArray()), ClientPermissions.all()))))
                .build()
                .start()) {
      assertThat(engine.grpcAddress().getScheme()).isEqualTo("https");
      assertThat(engine.tokenUrl().getScheme()).isEqualTo("https");
      CredentialsProvider credentials =
          CredentialsProvider.newCredentialsProviderBuilder()
              .clientId("ops").clientSecret(SECRET).audience(FlepEngine.DEFAULT_AUDIENCE)
              .authorizationServerUrl(engine.tokenUrl().toString())
              .truststorePath(trustStore).truststorePassword(password)
              .credentialsCachePath(dir.resolve("credentials.yaml").toString())
              .build();
      try (CamundaClient client =
          CamundaClient.newClientBuilder()
              .grpcAddress(engine.grpcAddress())
              .restAddress(engine.grpcAddress())
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .caCertificatePath(certificate.toString())
              .credentialsProvider(credentials)
              .defaultRequestTimeout(Duration.ofSeconds(20))
              .build()) {
        Topology topology = client.newTopologyRequest().send().join();
        assertThat(topology.getBrokers()).hasSize(1);
      }
      try (CamundaClient plain =
          CamundaClient.newClientBuilder()
              .grpcAddress(java.net.URI.create("http://127.0.0.1:" + engine.grpcPort()))
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .defaultRequestTimeout(Duration.ofSeconds(5))
              .build()) {
        assertThatThrownBy(() -> plain.newTopologyRequest().send().join()).isInstanceOf(RuntimeException.class);
      }
    }
  }

  @Test
  void anEngineBeyondLoopbackRefusesEveryCallWithoutAToken(@TempDir Path dir) throws Exception {
    Path passwordFile = dir.resolve("store.password");
    Files.writeString(passwordFile, "store-password-" + System.nanoTime());
    Path keyStore = dir.resolve("engine.p12");
    Path certificate = dir.resolve("engine.pem");
    keytool("-genkeypair", "-alias", "engine", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:file", passwordFile.toString());
    keytool("-exportcert", "-rfc", "-alias", "engine", "-keystore", keyStore.toString(),
        "-storepass:file", passwordFile.toString(), "-file", certificate.toString());
    String password = Files.readString(passwordFile).strip();

    // bound to every interface: reachable from other machines, so TLS and authentication are required
    java.net.InetSocketAddress everywhere = new java.net.InetSocketAddress(java.net.InetAddress.getByName("0.0.0.0"), 0);
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        FlepEngine engine =
            FlepEngine.builder()
                .dataSource(postgres.getPostgresDatabase())
                .grpcAddress(everywhere)
                .tls(TlsIdentity.load(keyStore, password.toCharArray()))
                .authentication(EngineClients.of(List.of(
                    new EngineClient("ops", SecretHash.of(SECRET.toCharArray()), ClientPermissions.all()))))
                .build()
                .start()) {
      try (CamundaClient anonymous =
          CamundaClient.newClientBuilder()
              .grpcAddress(java.net.URI.create("https://127.0.0.1:" + engine.grpcPort()))
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .caCertificatePath(certificate.toString())
              .defaultRequestTimeout(Duration.ofSeconds(10))
              .build()) {
        assertThatThrownBy(() -> anonymous.newTopologyRequest().send().join())
            .isInstanceOfSatisfying(io.camunda.client.api.command.ClientStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> anonymous.newCreateInstanceCommand().bpmnProcessId("any").latestVersion().send()
            .join()).isInstanceOfSatisfying(io.camunda.client.api.command.ClientStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED));
      }
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (var in = Files.newInputStream(certificate)) {
        trust.setCertificateEntry("engine",
            java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      javax.net.ssl.TrustManagerFactory trustManagers =
          javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trust);
      javax.net.ssl.SSLContext tlsContext = javax.net.ssl.SSLContext.getInstance("TLS");
      tlsContext.init(null, trustManagers.getTrustManagers(), null);
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(tlsContext).build();
      int restPort = engine.restAddress().getPort();
      for (String path : List.of("/v2/topology", "/v2/process-instances/search", "/v2/incidents/search")) {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("https://127.0.0.1:" + restPort + path))
            .method(path.endsWith("search") ? "POST" : "GET", java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json").build();
        java.net.http.HttpResponse<String> response =
            http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s without a token: %s", path, response.body()).isEqualTo(401);
      }
    }
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("keytool %s: %s", arguments[0], output).isZero();
  }
}
