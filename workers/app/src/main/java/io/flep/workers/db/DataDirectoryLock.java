package io.flep.workers.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <dataDir>/postgres.lock}, held by the FLEP process that runs the embedded
 * PostgreSQL of that data directory for as long as it runs it. The operating system releases it when the process
 * dies, however it dies (SIGKILL included); PostgreSQL's own server, a process of its own, outlives a killed FLEP,
 * so its {@code postmaster.pid} cannot tell a live owner from a dead one, and this lock can.
 */
final class DataDirectoryLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws IllegalStateException if another live process (or this one) holds it: the data directory is in use
   */
  static DataDirectoryLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve("postgres.lock").toAbsolutePath();
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this process runs it already
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw new IllegalStateException("the data directory " + dataDir.toAbsolutePath() + " is in use by another"
          + " running FLEP process (" + file + " is locked); stop it or choose another --data-dir");
    }
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
