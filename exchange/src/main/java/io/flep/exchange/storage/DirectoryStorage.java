package io.flep.exchange.storage;

import io.flep.exchange.ExchangeStorage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The exchange on a shared directory (the one-machine default, or a network file system every party mounts). An
 * object appears under its key only once complete: it is written to a temporary file and linked into place, so
 * readers never see half an object and a second writer of the same key changes nothing.
 */
public final class DirectoryStorage implements ExchangeStorage {
  private final Path root;

  public DirectoryStorage(Path root) throws IOException {
    this.root = Files.createDirectories(root.toAbsolutePath().normalize());
  }

  public Path root() {
    return root;
  }

  @Override
  public boolean putIfAbsent(String key, byte[] bytes) throws IOException {
    Path target = resolve(key);
    if (Files.exists(target)) {
      return false;
    }
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
    try {
      Files.write(temporary, bytes);
      try {
        Files.createLink(target, temporary);
        return true;
      } catch (FileAlreadyExistsException e) {
        return false;
      } catch (UnsupportedOperationException e) {
        // a file system without hard links: an atomic rename, which may replace an identical object
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        return true;
      }
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  @Override
  public Optional<byte[]> get(String key) throws IOException {
    Path file = resolve(key);
    if (Files.isDirectory(file)) {
      return Optional.empty(); // a prefix of other keys, not an object (as on S3)
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> list(String prefix) throws IOException {
    if (!prefix.endsWith("/")) {
      throw new IllegalArgumentException("a listing prefix ends with '/': '" + prefix + "'");
    }
    Path dir = resolve(prefix.substring(0, prefix.length() - 1));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (attributes.isRegularFile() && !file.getFileName().toString().startsWith(".incoming-")) {
          keys.add(root.relativize(file).toString().replace('\\', '/'));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // a writer's temporary file, gone between listing and reading it
        }
        throw e;
      }
    });
    keys.sort(null);
    return keys;
  }

  @Override
  public String location() {
    return root.toString();
  }

  private Path resolve(String key) {
    Path path = root.resolve(ExchangeStorage.checkKey(key)).normalize();
    if (!path.startsWith(root)) {
      throw new IllegalArgumentException("exchange key leaves the exchange directory: '" + key + "'");
    }
    return path;
  }
}
