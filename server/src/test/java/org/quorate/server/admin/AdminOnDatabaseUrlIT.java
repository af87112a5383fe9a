package org.quorate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.AdminProcess;
import org.quorate.server.testing.AdminProcess.Result;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The admin command line (the jar, in its own JVM) on the operator's own PostgreSQL given by
 * {@code --db-url}, while a server runs on the same database.
 */
@DemoServer
class AdminOnDatabaseUrlIT {
  static TestServer server;

  @TempDir Path work;

  private Result admin(String... args) {
    return adminWithInput("", args);
  }

  private Result adminWithInput(String input, String... args) {
    String[] withUrl = java.util.Arrays.copyOf(args, args.length + 2);
    withUrl[args.length] = "--db-url";
    withUrl[args.length + 1] = AdminProcess.dbUrl(server.database());
    return AdminProcess.runWithInput(work, input, withUrl);
  }

  private Path csv(String text) throws IOException {
    return Files.writeString(work.resolve("import.csv"), text);
  }

  @Test
  void aBadRoleFailsTheUserImportNamingItsLineAndFieldWithExit2AndImportsNothing() throws IOException {
    Path file = csv("""
        username,display_name,roles,party,password
        ursula,Ursula,member,,a-given-password-4
        tomas,Tomas,memberr,,a-given-password-5
        """);

    Result r = admin("users", "import", file.toString());

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("quorate admin: line 3: roles: unknown role 'memberr'");
    assertThat(server.api().login("ursula", "a-given-password-4").status()).isEqualTo(401);
  }

  @Test
  void aShortPasswordAndATakenUsernameAreEachNamedByLineAndField() throws IOException {
    Result shortPassword = admin("users", "import", csv("""
        username,display_name,roles,party,password
        sasha,Sasha,member,,short
        """).toString());
    Result taken = admin("users", "import", csv("""
        username,display_name,roles,party,password
        rhea,Rhea,member,,
        alice,Another Alice,member,,
        """).toString());

    assertThat(shortPassword.exitCode()).as(shortPassword.toString()).isEqualTo(2);
    assertThat(shortPassword.stderr()).contains("line 2: password: must be at least 10 characters");
    assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(2);
    assertThat(taken.stderr()).contains("line 3: username: a user named 'alice' already exists");
    assertThat(taken.stdout()).doesNotContain("rhea");
  }

  @Test
  void partiesImportAddsEveryPartyAndABadLineIsNamedWithExit2() throws IOException {
    Result bad = admin("parties", "import", csv("""
        name,category,voting_group
        Ribble Energy Ltd,small_supplier,
        Severn Energy Ltd,big_supplier,
        """).toString());
    Result good = admin("parties", "import", csv("""
        name,category,voting_group
        Ribble Energy Ltd,small_supplier,
        Severn Energy Ltd,small_supplier,Ribble Group
        """).toString());

    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.stderr()).contains("line 3: category: must be one of");
    assertThat(good.exitCode()).as(good.toString()).isZero();
    assertThat(good.stdout()).contains("Imported 2 Parties.");
    assertThat(server.as("alice").get("/api/parties").body()).contains("Ribble Energy Ltd", "Severn Energy Ltd");
  }

  @Test
  void aPasswordResetFromStandardInputSignsInAndClosesTheUsersOpenSockets() {
    ApiClient observer = server.as("observer");
    try (WsClient socket = WsClient.connect(server.port(), observer.token())) {
      Result r = adminWithInput("a-typed-password-6\n", "users", "reset-password", "observer", "--stdin");

      assertThat(r.exitCode()).as(r.toString()).isZero();
      assertThat(r.stderr()).contains("quorate admin: using postgresql://");
      assertThat(r.stdout()).contains("Password of observer reset; 1 session ended.").doesNotContain("a-typed-password-6");
      assertThat(socket.awaitClose()).isEqualTo((short) 1008);
      assertThat(socket.closeReason()).isEqualTo("signed out");
    }
    assertThat(observer.get("/api/me").status()).isEqualTo(401);
    assertThat(server.api().login("observer", "a-typed-password-6").status()).isEqualTo(200);
  }

  @Test
  void aDatabaseWithoutQuorateTablesIsExplainedWithExit2() {
    String empty = AdminProcess.dbUrl(org.quorate.server.testing.TestDatabase.freshDatabase());

    Result r = AdminProcess.run(work, "bodies", "list", "--db-url", empty);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.stderr()).contains("the database has no Quorate tables yet");
  }
}
