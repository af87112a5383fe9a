package org.quorate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;

/** The shaded jar as an operator runs it: its own JVM, embedded PostgreSQL, signals, exit codes. */
class ServerProcessIT {
  // A first start hashes every demo password (PBKDF2, 600,000 iterations): minutes on a loaded 2-core machine.
  private static final Duration START = Duration.ofSeconds(150);
  private static final Duration STOP = Duration.ofSeconds(40);
  /** What the JVM reports after its shutdown hooks ran on SIGTERM (128 + 15). */
  private static final int EXIT_AFTER_SIGTERM = 143;

  @TempDir Path work;

  @Test
  void theJarStartsOnEmbeddedPostgresPrintsOneListeningLineAndTheDemoUsersSignIn() {
    Path data = work.resolve("data");
    try (ServerProcess server = ServerProcess.start(work, "--port", "0", "--data-dir", data.toString(), "--demo")) {
      server.awaitListening(START);
      System.out.printf("Cold start of the jar (fresh --data-dir: initdb, migrations, demo data) to the listening line: %d ms%n",
          server.startToListening().toMillis());

      assertThat(server.host()).isEqualTo("127.0.0.1");
      ApiClient api = new ApiClient(server.baseUrl());
      assertThat(api.get("/health").json().get("status").asText()).isEqualTo("UP");
      for (String demoUser : List.of("admin", "secas", "chair", "alice", "rep", "observer")) {
        assertThat(new ApiClient(server.baseUrl()).login(demoUser, TestServer.DEMO_PASSWORD).status()).as(demoUser).isEqualTo(200);
      }
      assertThat(api.get("/openapi.yaml").body()).startsWith("openapi: 3.0.3");
      assertThat(api.get("/").body()).contains("Quorate");
      assertThat(Files.isDirectory(data.resolve("postgres"))).isTrue();

      assertThat(server.terminate(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);
      assertThat(server.stdout()).hasSize(1).allMatch(line -> ServerProcess.LISTENING.matcher(line).matches());
      assertThat(server.stderr()).as("without --smtp-url the log says email is off")
          .anyMatch(line -> line.contains("Email is off: no --smtp-url (QUORATE_SMTP_URL) is set"));
    }
  }

  @Test
  void aPartyCreatedThroughRestSurvivesSigtermAndARestartOnTheSameDataDir() {
    Path data = work.resolve("data");
    String[] options = {"--port", "0", "--data-dir", data.toString(), "--demo", "--password-iterations", "1000"};
    int parties;
    try (ServerProcess first = ServerProcess.start(work, options).awaitListening(START)) {
      ApiClient admin = new ApiClient(first.baseUrl());
      admin.login("admin", TestServer.DEMO_PASSWORD);
      assertThat(admin.post("/api/parties", Map.of("name", "Persistent Power Ltd", "category", "small_supplier")).status())
          .isEqualTo(201);
      parties = admin.get("/api/parties").json().size();
      int postgresPort = first.embeddedPostgresPort();

      assertThat(first.terminate(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);

      assertThat(first.stderr()).anyMatch(line -> line.contains("Quorate stopped"))
          .noneMatch(line -> line.contains("did not") || line.contains("Exception"));
      assertThatThrownBy(() -> connect(postgresPort)).isInstanceOf(ConnectException.class);
      assertThat(postgresProcessesOn(data)).isEmpty();
      assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
    }

    try (ServerProcess second = ServerProcess.start(work, options).awaitListening(START)) {
      System.out.printf("Restart of the jar on an existing --data-dir to the listening line: %d ms%n",
          second.startToListening().toMillis());
      ApiClient admin = new ApiClient(second.baseUrl());
      assertThat(admin.login("admin", TestServer.DEMO_PASSWORD).status()).isEqualTo(200);
      assertThat(admin.get("/api/parties").json()).hasSize(parties)
          .anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("Persistent Power Ltd"));
      assertThat(second.terminate(STOP)).isEqualTo(EXIT_AFTER_SIGTERM);
    }
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of(List.of("--port", "banana"), "--port must be a whole number (got 'banana')"),
        Arguments.of(List.of("--frobnicate"), "unknown option --frobnicate"),
        Arguments.of(List.of("--port", "--demo"), "option --port needs a value"),
        Arguments.of(List.of("--db-url", "postgresql://localhost:1/nope"), "localhost:1/nope"),
        Arguments.of(List.of("--db-url", "mysql://localhost/quorate"), "--db-url must start with postgresql://"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  void aBadOptionOrAnUnreachableDatabaseIsOneLineOnStderrAndExitCode2(List<String> args, String problem) {
    String[] all = Stream.concat(args.stream(), Stream.of("--data-dir", work.resolve("data").toString()))
        .toArray(String[]::new);

    ServerProcess.Exited exited = ServerProcess.run(work, START, all);

    assertThat(exited.exitCode()).isEqualTo(2);
    assertThat(exited.stderr()).hasSize(1);
    assertThat(exited.stderr().get(0)).startsWith("quorate: ").contains(problem).doesNotContain("Exception");
    assertThat(exited.stdout()).isEmpty();
  }

  private static void connect(int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("localhost", port), 2_000);
    }
  }

  private static List<ProcessHandle> postgresProcessesOn(Path data) {
    String marker = data.resolve("postgres").toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker)).orElse(false))
        .toList();
  }
}
