package org.quorate.server.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An {@code import} subcommand: one CSV file (UTF-8) into the store, all rows or none. */
abstract class CsvImport implements Callable<Integer> {
  @Parameters(paramLabel = "FILE.csv") Path file;
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  String csv() throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
