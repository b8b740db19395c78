package io.flep.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.response.Topology;
import io.flep.engine.FlepEngine;
import io.grpc.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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

  /**
   * Bound to an address of this machine other than loopback (the first one up, from {@link
   * NetworkInterface}), where other machines reach it. A machine with no such address (a sandbox
   * with loopback only) binds the wildcard address instead: still not loopback, so the engine
   * still requires TLS and tokens, and it is reached over 127.0.0.1.
   */
  @Test
  void anEngineBeyondLoopbackRefusesEveryCallWithoutAToken(@TempDir Path dir) throws Exception {
    InetAddress external = nonLoopbackAddress().orElse(InetAddress.getByName("0.0.0.0"));
    String host = external.isAnyLocalAddress() ? "127.0.0.1" : external.getHostAddress();
    assertThat(external.isLoopbackAddress()).isFalse();
    Path passwordFile = dir.resolve("store.password");
    Files.writeString(passwordFile, "store-password-" + System.nanoTime());
    Path keyStore = dir.resolve("engine.p12");
    Path certificate = dir.resolve("engine.pem");
    keytool("-genkeypair", "-alias", "engine", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:" + host + ",dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass:file", passwordFile.toString());
    keytool("-exportcert", "-rfc", "-alias", "engine", "-keystore", keyStore.toString(),
        "-storepass:file", passwordFile.toString(), "-file", certificate.toString());
    String password = Files.readString(passwordFile).strip();

    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        FlepEngine engine =
            FlepEngine.builder()
                .dataSource(postgres.getPostgresDatabase())
                .grpcAddress(new InetSocketAddress(external, 0))
                .tls(TlsIdentity.load(keyStore, password.toCharArray()))
                .authentication(EngineClients.of(List.of(
                    new EngineClient("ops", SecretHash.of(SECRET.toCharArray()), ClientPermissions.all()))))
                .build()
                .start()) {
      URI grpc = URI.create("https://" + uriHost(host) + ":" + engine.grpcPort());
      URI rest = URI.create("https://" + uriHost(host) + ":" + engine.restAddress().getPort());
      try (CamundaClient anonymous =
          CamundaClient.newClientBuilder()
              .grpcAddress(grpc)
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .caCertificatePath(certificate.toString())
              .defaultRequestTimeout(Duration.ofSeconds(10))
              .build()) {
        assertThatThrownBy(() -> anonymous.newTopologyRequest().send().join())
            .isInstanceOfSatisfying(ClientStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> anonymous.newCreateInstanceCommand().bpmnProcessId("any").latestVersion().send()
            .join()).isInstanceOfSatisfying(ClientStatusException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      }
      HttpClient http = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
      for (String path : List.of("/v2/topology", "/v2/process-instances/search", "/v2/incidents/search")) {
        HttpRequest request = HttpRequest.newBuilder(rest.resolve(path))
            .method(path.endsWith("search") ? "POST" : "GET", HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json").build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s without a token: %s", path, response.body()).isEqualTo(401);
      }

      // the same calls with a token get through: the refusals above are the missing token's, not TLS's
      CredentialsProvider credentials =
          CredentialsProvider.newCredentialsProviderBuilder()
              .clientId("ops").clientSecret(SECRET).audience(FlepEngine.DEFAULT_AUDIENCE)
              .authorizationServerUrl(rest.resolve(TokenEndpoint.PATH).toString())
              .truststorePath(trustStore(dir, certificate, password)).truststorePassword(password)
              .credentialsCachePath(dir.resolve("credentials.yaml").toString())
              .applyEnvironmentOverrides(false)
              .build();
      try (CamundaClient ops =
          CamundaClient.newClientBuilder()
              .grpcAddress(grpc)
              .restAddress(rest)
              .preferRestOverGrpc(false)
              .applyEnvironmentVariableOverrides(false)
              .caCertificatePath(certificate.toString())
              .credentialsProvider(credentials)
              .defaultRequestTimeout(Duration.ofSeconds(20))
              .build()) {
        assertThat(ops.newTopologyRequest().send().join().getBrokers()).hasSize(1);
        assertThat(ops.newIncidentSearchRequest().send().join().items()).isEmpty();
      }
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(i -> {
          try {
            return i.isUp() && !i.isLoopback();
          } catch (SocketException e) {
            return false;
          }
        })
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
        .findFirst();
  }

  private static String uriHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("engine", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }

  private static Path trustStore(Path dir, Path certificate, String password) throws Exception {
    Path trustStore = dir.resolve("trust.p12");
    Path passwordFile = dir.resolve("trust.password");
    Files.writeString(passwordFile, password);
    keytool("-importcert", "-noprompt", "-alias", "engine", "-file", certificate.toString(),
        "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass:file", passwordFile.toString());
    return trustStore;
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
