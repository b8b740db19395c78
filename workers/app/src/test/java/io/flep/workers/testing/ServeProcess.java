package io.flep.workers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar target/flep.jar serve} as a real child process on a free loopback port, with its output in
 * {@code <dataDir>/<name>.log}. Every process it started (PostgreSQL included) is ended by {@link #close()}. Its web
 * app needs a login ({@link #login}); the first start on a data directory prints the first admin's password
 * ({@link #firstAdminPassword}).
 */
public final class ServeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Pattern FIRST_ADMIN = Pattern.compile("(?m)^  user: +admin\\R  password: (\\S+)$");

  private final Process process;
  private final Path log;
  private final URI base;
  private final List<ProcessHandle> children = new ArrayList<>();
  private WebSession session;

  private ServeProcess(Process process, Path log, URI base) {
    this.process = process;
    this.log = log;
    this.base = base;
    this.session = new WebSession(base);
  }

  /** The jar {@code mvn package} built; acceptance tests run after it (surefire execution "acceptance"). */
  public static Path jar() {
    Path jar = Path.of("target", "flep.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: acceptance tests run in the verify phase, after package"
          + " (mvn -pl workers/app verify -Dtest=...)");
    }
    return jar;
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code java ... -jar flep.jar}, to which a command's arguments are added. */
  public static List<String> flepJar() {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx2g"));
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of("-jar", jar().toString()));
    return command;
  }

  public static ServeProcess start(Path dataDir, int port, String name) throws IOException {
    Path log = dataDir.resolve(name + ".log");
    Files.createDirectories(dataDir);
    List<String> command = flepJar();
    command.addAll(List.of("serve", "--port", Integer.toString(port),
        "--data-dir", dataDir.toString(), "--plugins-dir", dataDir.resolve("plugins").toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ServeProcess(process, log, URI.create("http://127.0.0.1:" + port));
  }

  /** Waits until the web app answers (its open login endpoint); fails with the process's output if it exits first. */
  public ServeProcess awaitUp(Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError("flep serve exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (HTTP.send(HttpRequest.newBuilder(base.resolve("/login/csrf")).GET().build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          rememberChildren();
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("flep serve did not answer within " + atMost + ":\n" + output());
      }
      Thread.sleep(500);
    }
  }

  /** Waits for the process to end by itself and returns its exit value. */
  public int awaitExit(Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("flep serve still runs after " + atMost + ":\n" + output());
    }
    return process.exitValue();
  }

  /**
   * The first admin's password as the first start on a data directory prints it (framed, with the user name), once
   * the line is there; fails if the process exits or {@code atMost} passes first.
   */
  public String firstAdminPassword(Duration atMost) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (true) {
      Matcher printed = FIRST_ADMIN.matcher(output());
      if (printed.find()) {
        return printed.group(1);
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("flep serve printed no first admin password:\n" + output());
      }
      Thread.sleep(250);
    }
  }

  /** Logs in as {@code user}; later requests of this object use that session. */
  public ServeProcess login(String user, String password) {
    session = WebSession.loggedIn(base, user, password);
    return this;
  }

  public URI base() {
    return base;
  }

  public HttpResponse<String> get(String path) {
    return session.get(path);
  }

  public HttpResponse<String> post(String path, String json) {
    return session.post(path, json);
  }

  /** POST, again while the answer is 503 (the process is still starting, Retry-After). */
  public HttpResponse<String> postWhenReady(String path, String json, Duration atMost) throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    HttpResponse<String> response;
    while ((response = post(path, json)).statusCode() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
    }
    return response;
  }

  /** GET as JSON, requiring 200. */
  public JsonNode getJson(String path) throws IOException {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /**
   * {@link Process#destroyForcibly()}, which on Linux is SIGKILL: no shutdown hook runs, PostgreSQL (a process of
   * its own) is left behind. Returns the exit value (137 = 128 + SIGKILL).
   */
  public int kill() throws InterruptedException {
    rememberChildren();
    process.destroyForcibly();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("flep serve did not die within 60 s of SIGKILL");
    }
    return process.exitValue();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(output unreadable: " + e + ")";
    }
  }

  public Path log() {
    return log;
  }

  private void rememberChildren() {
    process.descendants().forEach(children::add);
  }

  /** Stops the process (SIGTERM: Spring closes the engine and PostgreSQL), then anything of it left behind. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      rememberChildren();
      process.destroy();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    for (ProcessHandle child : children) {
      if (child.isAlive()) {
        child.destroy();
        child.onExit().completeOnTimeout(child, 30, TimeUnit.SECONDS).join();
        child.destroyForcibly();
      }
    }
  }
}
