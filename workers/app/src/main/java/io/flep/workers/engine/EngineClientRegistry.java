package io.flep.workers.engine;

import io.flep.engine.auth.EngineClient;
import io.flep.engine.auth.EngineClients;
import io.flep.engine.auth.SecretHash;
import io.flep.workers.store.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The engine clients a federation's admin keeps beside the federation, in {@code <federation dir>/engine/}:
 * <ul>
 *   <li>{@code clients.json}: what {@code flep engine --clients} reads — each client's id, the hash of its secret and
 *       its {@link PartyEnginePermissions}; no secret;</li>
 *   <li>{@code federation-admin.secret} (owner-only): the admin's own secret, with which {@code flep federation
 *       deploy} deploys the models.</li>
 * </ul>
 * A party's secret is handed out once, for its startup kit only ({@link #issue}); the registry keeps its hash.
 * Taking a party out ({@link #remove}) refuses it at an engine that watches the file within a second or two.
 */
public final class EngineClientRegistry {
  /** The clients file, relative to the federation directory. */
  public static final String CLIENTS = "engine/clients.json";
  private static final String ADMIN_SECRET = "engine/" + PartyEnginePermissions.ADMIN + ".secret";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path federationDir;

  private EngineClientRegistry(Path federationDir) {
    this.federationDir = federationDir;
  }

  /** The registry of the federation in {@code federationDir} (created on first use). */
  public static EngineClientRegistry of(Path federationDir) {
    return new EngineClientRegistry(federationDir);
  }

  /** The file to start the federation's engine with ({@code flep engine --clients FILE}). */
  public Path clientsFile() {
    return federationDir.resolve(CLIENTS);
  }

  /** The clients now listed. */
  public EngineClients clients() {
    return Files.exists(clientsFile()) ? EngineClients.load(clientsFile()) : EngineClients.of(List.of());
  }

  /** Makes the admin's client, unless the federation has one; returns whether it made one. */
  public synchronized boolean ensureAdmin() {
    if (Files.exists(federationDir.resolve(ADMIN_SECRET))) {
      return false;
    }
    char[] secret = newSecret();
    try {
      EngineClient admin = new EngineClient(PartyEnginePermissions.ADMIN, SecretHash.of(secret),
          PartyEnginePermissions.admin());
      OwnerOnlyFiles.createDirectory(federationDir.resolve("engine"));
      byte[] bytes = utf8(secret);
      try {
        OwnerOnlyFiles.writeNew(federationDir.resolve(ADMIN_SECRET), bytes);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      save(clients().with(admin));
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the admin's engine client to " + federationDir.resolve("engine")
          + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  /**
   * The admin's secret, for the caller to wipe after use.
   *
   * @throws IllegalStateException if the federation has no admin client (made by {@link #ensureAdmin})
   */
  public char[] adminSecret() {
    Path file = federationDir.resolve(ADMIN_SECRET);
    if (!Files.exists(file)) {
      throw new IllegalStateException("the federation in " + federationDir + " has no engine admin client ("
          + file + "); 'flep federation enroll' makes it with the first party");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      try {
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        char[] secret = new char[chars.remaining()];
        chars.get(secret);
        Arrays.fill(chars.array(), '\0');
        return secret;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Issues {@code partyId} a new engine client with exactly its role's permissions, in place of one it had (its old
   * secret stops working), and returns the new secret: the caller puts it into the party's kit only, and wipes it.
   *
   * @throws IllegalArgumentException for the admin's id or an unknown role
   */
  public synchronized char[] issue(String role, String partyId) {
    if (PartyEnginePermissions.ADMIN.equals(partyId)) {
      throw new IllegalArgumentException("a party may not be called '" + PartyEnginePermissions.ADMIN
          + "': that is the federation admin's engine client");
    }
    char[] secret = newSecret();
    try {
      EngineClient client = new EngineClient(partyId, SecretHash.of(secret), PartyEnginePermissions.of(role, partyId));
      save(clients().with(client));
      return secret;
    } catch (RuntimeException e) {
      Arrays.fill(secret, '\0');
      throw e;
    }
  }

  /** Takes {@code partyId}'s client out; returns whether it had one. */
  public synchronized boolean remove(String partyId) {
    EngineClients now = clients();
    if (now.client(partyId).isEmpty()) {
      return false;
    }
    save(now.without(partyId));
    return true;
  }

  private void save(EngineClients clients) {
    try {
      OwnerOnlyFiles.createDirectory(clientsFile().getParent());
      OwnerOnlyFiles.replace(clientsFile(), clients.toJson().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + clientsFile() + ": " + e.getMessage(), e);
    }
  }

  private static char[] newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    byte[] encoded = Base64.getUrlEncoder().withoutPadding().encode(bytes);
    char[] secret = new char[encoded.length];
    for (int i = 0; i < encoded.length; i++) {
      secret[i] = (char) encoded[i];
    }
    Arrays.fill(bytes, (byte) 0);
    Arrays.fill(encoded, (byte) 0);
    return secret;
  }

  private static byte[] utf8(char[] secret) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    Arrays.fill(buffer.array(), (byte) 0);
    return bytes;
  }
}
