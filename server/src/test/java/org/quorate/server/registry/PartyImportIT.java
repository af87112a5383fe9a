package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quorate.server.registry.PartiesIT.names;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class PartyImportIT {
  static TestServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    admin = server.as("admin");
  }

  @Test
  void anAdministratorImportsPartiesFromCsvWithQuotingAndSharedVotingGroups() {
    String csv = "name,category,voting_group\r\n"
        + "\"Harbour, Quay & Co Ltd\",small_supplier,Harbour Group\r\n"
        + "Harbour Retail Ltd,small_supplier,Harbour Group\r\n"
        + "Wessex Wires plc,electricity_network,\r\n";

    ApiClient.Response imported = admin.postText("/api/parties/import", "text/csv", csv);

    assertThat(imported.status()).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(3);
    JsonNode parties = admin.get("/api/parties").json();
    assertThat(names(parties)).contains("Harbour, Quay & Co Ltd", "Harbour Retail Ltd", "Wessex Wires plc");
    assertThat(votingGroupOf(parties, "Harbour, Quay & Co Ltd")).isEqualTo("Harbour Group");
    assertThat(votingGroupOf(parties, "Harbour Retail Ltd")).isEqualTo("Harbour Group");
    assertThat(votingGroupOf(parties, "Wessex Wires plc")).isEqualTo("Wessex Wires plc");
  }

  @Test
  void aSpreadsheetExportWithAByteOrderMarkImports() {
    ApiClient.Response imported = admin.postText("/api/parties/import", "text/csv",
        "\uFEFFname,category,voting_group\nBom Energy Ltd,small_supplier,\n");
    assertThat(imported.status()).isEqualTo(200);
    assertThat(names(admin.get("/api/parties").json())).contains("Bom Energy Ltd");
  }

  @Test
  void aMalformedRowRejectsTheWholeFileNamingItsLine() {
    List<String> before = names(admin.get("/api/parties").json());
    String csv = "name,category,voting_group\n"
        + "Good Energy One Ltd,small_supplier,\n"
        + "Broken Row Ltd,small_supplier\n"
        + "Good Energy Two Ltd,small_supplier,\n";

    ApiClient.Response rejected = admin.postText("/api/parties/import", "text/csv", csv);

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.error()).isEqualTo("invalid");
    assertThat(rejected.json().get("field").asText()).isEqualTo("line 3");
    assertThat(rejected.json().get("message").asText()).contains("line 3").contains("3 fields");
    assertThat(names(admin.get("/api/parties").json())).isEqualTo(before);
  }

  @Test
  void anUnknownCategoryOnALineNamesThatLine() {
    ApiClient.Response rejected = admin.postText("/api/parties/import", "text/csv",
        "name,category,voting_group\nFine Ltd,small_supplier,\nOdd Ltd,medium_supplier,\n");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("field").asText()).isEqualTo("line 3");
    assertThat(rejected.json().get("message").asText()).contains("category");
    assertThat(names(admin.get("/api/parties").json())).doesNotContain("Fine Ltd");
  }

  @Test
  void aNameThatAlreadyExistsNamesItsLineAndRollsBackTheLinesBeforeIt() {
    List<String> before = names(admin.get("/api/parties").json());
    String csv = "name,category,voting_group\n"
        + "Earlier Line Ltd,gas_network,\n"
        + "\n"
        + "Albion Power plc,large_supplier,Albion Power\n";

    ApiClient.Response rejected = admin.postText("/api/parties/import", "text/csv", csv);

    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("field").asText()).isEqualTo("line 4");
    assertThat(rejected.json().get("message").asText()).contains("Albion Power plc").contains("already exists");
    assertThat(names(admin.get("/api/parties").json())).isEqualTo(before);
  }

  @Test
  void aNameRepeatedWithinTheFileNamesTheSecondLine() {
    ApiClient.Response rejected = admin.postText("/api/parties/import", "text/csv",
        "name,category,voting_group\nTwice Ltd,small_supplier,\nTwice Ltd,small_supplier,\n");
    assertThat(rejected.status()).isEqualTo(400);
    assertThat(rejected.json().get("field").asText()).isEqualTo("line 3");
    assertThat(names(admin.get("/api/parties").json())).doesNotContain("Twice Ltd");
  }

  @Test
  void aWrongHeaderOrAnEmptyFileIsRefused() {
    ApiClient.Response wrongHeader = admin.postText("/api/parties/import", "text/csv", "party,type\nX Ltd,dcc\n");
    assertThat(wrongHeader.status()).isEqualTo(400);
    assertThat(wrongHeader.json().get("field").asText()).isEqualTo("line 1");

    ApiClient.Response empty = admin.postText("/api/parties/import", "text/csv", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("field").asText()).isEqualTo("body");

    ApiClient.Response headerOnly = admin.postText("/api/parties/import", "text/csv", "name,category,voting_group\n");
    assertThat(headerOnly.status()).isEqualTo(400);
  }

  @Test
  void onlyAnAdministratorMayImport() {
    for (String username : List.of("rep", "alice", "observer", "secas")) {
      ApiClient.Response refused = server.as(username).postText("/api/parties/import", "text/csv",
          "name,category,voting_group\nImported By " + username + " Ltd,small_supplier,\n");
      assertThat(refused.status()).as(username).isEqualTo(403);
      assertThat(refused.error()).isEqualTo("not_authorised");
    }
    assertThat(names(admin.get("/api/parties").json())).noneMatch(n -> n.startsWith("Imported By"));
  }

  private static String votingGroupOf(JsonNode parties, String name) {
    for (JsonNode p : parties) {
      if (p.get("name").asText().equals(name)) {
        return p.get("voting_group").asText();
      }
    }
    throw new AssertionError("no party " + name);
  }
}
