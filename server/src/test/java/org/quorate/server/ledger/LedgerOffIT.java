package org.quorate.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;

/**
 * The benchmark baseline without the ledger ({@code --ledger off}): ballots are still taken and
 * counted, but nothing is chained, and {@code verify} says so instead of passing the store as clean.
 */
class LedgerOffIT {
  static TestServer server;

  @BeforeAll
  static void startWithoutTheLedger() {
    server = TestServer.start(ServerConfig::withLedgerOff);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void ballotsCastWithTheLedgerOffCarryNoReceiptAndVerifyNamesEveryOneMissingFromTheChain() {
    ApiClient.Response opened = server.as("secas").post("/api/decisions", Map.of("body", "PANEL", "modification_id", "MP215",
        "question", "Should MP215 go ahead (ledger off)?", "kind", "asynchronous", "visibility", "open", "closes_in_working_days", 3));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    long decision = opened.json().get("decision_id").asLong();
    for (String voter : LedgerIT.PANEL_VOTERS) {
      ApiClient.Response cast = server.as(voter).post("/api/decisions/" + decision + "/ballots", Map.of("choice", "approve"));
      assertThat(cast.status()).as(cast.body()).isEqualTo(200);
      assertThat(cast.json().hasNonNull("receipt")).as("no ledger, no receipt: " + cast.body()).isFalse();
    }
    assertThat(server.as("secas").get("/api/decisions/" + decision).json().findValue("tally").path("approve").asInt())
        .as("the ballots still count").isEqualTo(LedgerIT.PANEL_VOTERS.size());

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = VerifyCommand.run(new String[] {"--db-url", server.database().toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    String said = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(said).isEqualTo(1);
    assertThat(said).startsWith("MISMATCH at the ballot table")
        .containsPattern("ballot \\d+ has no ledger entry \\(" + LedgerIT.PANEL_VOTERS.size() + " ballots have none");
  }
}
