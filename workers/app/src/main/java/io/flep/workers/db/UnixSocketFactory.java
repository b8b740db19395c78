package io.flep.workers.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import javax.net.SocketFactory;

/**
 * Connects the PostgreSQL JDBC driver to a Unix domain socket (its {@code socketFactory} property, the socket's
 * path as {@code socketFactoryArg}), for FLEP's one-off set-up connection to the embedded PostgreSQL of an earlier
 * version (see {@link EmbeddedPostgresServer}). Blocking, without read time-outs: enough for set-up statements, not
 * for an application's pool. Public with a {@code String} constructor because the driver instantiates it.
 */
public final class UnixSocketFactory extends SocketFactory {
  private final Path socket;

  public UnixSocketFactory(String socket) {
    this.socket = Path.of(socket);
  }

  /** A connected socket: the driver then skips its own (TCP) connect. */
  @Override
  public Socket createSocket() throws IOException {
    return new UnixDomainSocket(socket);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket();
  }

  /** The part of {@link Socket} the driver uses, over a Unix-domain {@link SocketChannel}; TCP options are no-ops. */
  private static final class UnixDomainSocket extends Socket {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private int soTimeout;

    UnixDomainSocket(Path path) throws IOException {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(UnixDomainSocketAddress.of(path));
      } catch (IOException e) {
        channel.close();
        throw new SocketException("cannot connect to the Unix socket " + path + ": " + e.getMessage());
      }
      in = Channels.newInputStream(channel);
      out = Channels.newOutputStream(channel);
    }

    @Override
    public boolean isConnected() {
      return channel.isConnected();
    }

    @Override
    public boolean isClosed() {
      return !channel.isOpen();
    }

    @Override
    public InputStream getInputStream() {
      return in;
    }

    @Override
    public OutputStream getOutputStream() {
      return out;
    }

    @Override
    public synchronized void close() throws IOException {
      channel.close();
    }

    @Override
    public void setTcpNoDelay(boolean on) {}

    @Override
    public void setKeepAlive(boolean on) {}

    @Override
    public synchronized void setSendBufferSize(int size) {}

    @Override
    public synchronized void setReceiveBufferSize(int size) {}

    @Override
    public synchronized int getSendBufferSize() {
      return 8192;
    }

    @Override
    public synchronized void setSoTimeout(int timeout) {
      soTimeout = timeout; // not applied: reads block
    }

    @Override
    public synchronized int getSoTimeout() {
      return soTimeout;
    }
  }
}
