package org.quorate.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.quorate.server.config.ConfigException;

/**
 * {@code DATA_DIR/quorate.lock}: held (an OS file lock) by the one Quorate that uses the data
 * directory, with its pid written in it for the operator. The kernel releases the lock when that
 * process ends, however it ends, so a lock we can take means no live Quorate owns the directory,
 * and a PostgreSQL still running on it was left behind.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "quorate.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock or fails (exit 2) naming the Quorate that holds it. */
  static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = null;
    try {
      Files.createDirectories(dataDir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
        channel.close();
        throw new ConfigException("data directory " + dataDir + " is in use by another Quorate"
            + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it first or choose another --data-dir");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(true);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new ConfigException("cannot lock data directory " + dataDir + ": " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it as well
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more we can do; the lock goes with the process
      }
    }
  }
}
