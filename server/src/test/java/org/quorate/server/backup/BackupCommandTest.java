package org.quorate.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.ConfigException;

class BackupCommandTest {
  @Test
  void onlyTheFirstArgumentBackupOrRestoreTakesTheServerOffItsUsualStart() {
    assertThat(BackupCommand.handles(new String[] {"backup", "--out", "x"})).isTrue();
    assertThat(BackupCommand.handles(new String[] {"restore", "--in", "x"})).isTrue();
    assertThat(BackupCommand.handles(new String[] {"--demo", "backup"})).isFalse();
    assertThat(BackupCommand.handles(new String[] {})).isFalse();
  }

  @Test
  void aBackupNeedsItsOutputFileAndARestoreItsInputFile() {
    assertThatThrownBy(() -> BackupCommand.parse(new String[] {"backup", "--data-dir", "d"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("--out FILE is required");
    assertThatThrownBy(() -> BackupCommand.parse(new String[] {"restore", "--out", "f"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("unknown option --out; use --in FILE");
    assertThatThrownBy(() -> BackupCommand.parse(new String[] {"backup", "--out"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("--out needs a value");
  }

  @Test
  void aBadDatabaseUrlIsRefusedAsTheServerRefusesIt() {
    assertThatThrownBy(() -> BackupCommand.parse(new String[] {"backup", "--db-url", "mysql://h/db", "--out", "f"}, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("--db-url must start with postgresql://");
  }
}
