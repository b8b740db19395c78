package io.flep.engine.auth;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The engine's TLS identity: a PKCS#12 key store with its private key and certificate chain. The
 * password comes from a file or the environment, never from a command line.
 */
public final class TlsIdentity {
  private final KeyManagerFactory keyManagers;
  private final Path keyStore;

  private TlsIdentity(Path keyStore, KeyManagerFactory keyManagers) {
    this.keyStore = keyStore;
    this.keyManagers = keyManagers;
  }

  /** Loads the key store; the password array is cleared afterwards. */
  public static TlsIdentity load(Path pkcs12, char[] password) {
    try (InputStream in = Files.newInputStream(pkcs12)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return new TlsIdentity(pkcs12, factory);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load the engine's TLS key store " + pkcs12 + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  /** For the gRPC gateway (HTTP/2 with ALPN). */
  public SslContext grpcContext() {
    try {
      return GrpcSslContexts.configure(SslContextBuilder.forServer(keyManagers)).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot set up TLS from " + keyStore + ": " + e.getMessage(), e);
    }
  }

  /** For the HTTP endpoints (token, REST). */
  public SSLContext httpContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS from " + keyStore + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TlsIdentity[" + keyStore + "]";
  }
}
