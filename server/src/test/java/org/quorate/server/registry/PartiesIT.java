package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class PartiesIT {
  static TestServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    admin = server.as("admin");
  }

  @Test
  void anAdministratorCreatesAPartyThatEveryoneCanThenRead() {
    ApiClient.Response created = admin.post("/api/parties",
        Map.of("name", "Fenland Power Ltd", "category", "small_supplier", "voting_group", "Fenland"));
    assertThat(created.status()).isEqualTo(201);
    JsonNode party = created.json();
    assertThat(party.get("name").asText()).isEqualTo("Fenland Power Ltd");
    assertThat(party.get("category").asText()).isEqualTo("small_supplier");
    assertThat(party.get("voting_group").asText()).isEqualTo("Fenland");

    ApiClient.Response read = server.as("observer").get("/api/parties/" + party.get("id").asLong());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(party);
    assertThat(names(server.as("alice").get("/api/parties").json())).contains("Fenland Power Ltd");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"rep", "alice", "observer", "chair", "secas"})
  void onlyAnAdministratorMayCreateAPartyAndARefusalChangesNothing(String username) {
    List<String> before = names(admin.get("/api/parties").json());

    ApiClient.Response refused = server.as(username).post("/api/parties",
        Map.of("name", "Sneaky Energy Ltd " + username, "category", "large_supplier"));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("not_authorised");
    assertThat(names(admin.get("/api/parties").json())).isEqualTo(before);
  }

  @Test
  void anAdministratorRenamesAPartyAndMovesItIntoAnotherVotingGroup() {
    long id = admin.post("/api/parties", Map.of("name", "Solway Supply Ltd", "category", "small_supplier"))
        .json().get("id").asLong();

    ApiClient.Response updated = admin.put("/api/parties/" + id,
        Map.of("name", "Solway Supply plc", "category", "large_supplier", "voting_group", "Northwind Group"));

    assertThat(updated.status()).isEqualTo(200);
    JsonNode party = admin.get("/api/parties/" + id).json();
    assertThat(party.get("name").asText()).isEqualTo("Solway Supply plc");
    assertThat(party.get("category").asText()).isEqualTo("large_supplier");
    assertThat(party.get("voting_group").asText()).isEqualTo("Northwind Group");
    assertThat(groupNamed("Northwind Group").get("party_ids").toString()).contains(String.valueOf(id));
  }

  @Test
  void aPartyRepresentativeCannotChangeAParty() {
    long id = partyId("Northwind Retail Ltd");
    ApiClient.Response refused = server.as("rep").put("/api/parties/" + id,
        Map.of("name", "Rory's Retail", "category", "large_supplier"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(admin.get("/api/parties/" + id).json().get("name").asText()).isEqualTo("Northwind Retail Ltd");
  }

  @Test
  void aSecondPartyWithTheSameNameIsAConflictNamingTheField() {
    ApiClient.Response duplicate = admin.post("/api/parties", Map.of("name", "Albion Power plc", "category", "large_supplier"));
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.error()).isEqualTo("conflict");
    assertThat(duplicate.json().get("field").asText()).isEqualTo("name");
  }

  @Test
  void anUnknownPartyIs404WithAJsonError() {
    ApiClient.Response missing = admin.get("/api/parties/987654");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.contentType()).startsWith("application/json");
    assertThat(missing.error()).isEqualTo("not_found");
    assertThat(admin.put("/api/parties/987654", Map.of("name", "Ghost Ltd", "category", "dcc")).status()).isEqualTo(404);
  }

  @Test
  void affiliatesShareOneVotingGroupAndAPartyWithoutAffiliatesGetsItsOwn() {
    JsonNode northwind = groupNamed("Northwind Group");
    assertThat(northwind.get("party_ids")).hasSizeGreaterThanOrEqualTo(2)
        .anySatisfy(p -> assertThat(p.asLong()).isEqualTo(partyId("Northwind Energy Supply Ltd")))
        .anySatisfy(p -> assertThat(p.asLong()).isEqualTo(partyId("Northwind Retail Ltd")));

    JsonNode loner = admin.post("/api/parties", Map.of("name", "Tamar Tidal Ltd", "category", "other_sec_party")).json();
    assertThat(loner.get("voting_group").asText()).isEqualTo("Tamar Tidal Ltd");
    assertThat(groupNamed("Tamar Tidal Ltd").get("party_ids")).hasSize(1);
  }

  @Test
  void partyCategoriesListTheVotingCategoriesAndTheNonVotingSeats() {
    ApiClient.Response categories = server.as("observer").get("/api/party-categories");
    assertThat(categories.status()).isEqualTo(200);
    List<String> voting = new ArrayList<>();
    List<String> nonVoting = new ArrayList<>();
    categories.json().forEach(c -> (c.get("voting").asBoolean() ? voting : nonVoting).add(c.get("name").asText()));
    assertThat(voting).containsExactly("Large Supplier", "Small Supplier", "Electricity Network", "Gas Network",
        "Other SEC Party");
    assertThat(nonVoting).containsExactly("DCC", "Consumer Member");
  }

  @Test
  void aPartyInAnUnknownCategoryIsRefusedNamingTheField() {
    ApiClient.Response invalid = admin.post("/api/parties", Map.of("name", "Odd Energy Ltd", "category", "huge_supplier"));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().get("field").asText()).isEqualTo("category");
    assertThat(names(admin.get("/api/parties").json())).doesNotContain("Odd Energy Ltd");
  }

  private static JsonNode groupNamed(String name) {
    for (JsonNode g : admin.get("/api/voting-groups").json()) {
      if (g.get("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no voting group " + name);
  }

  private static long partyId(String name) {
    for (JsonNode p : admin.get("/api/parties").json()) {
      if (p.get("name").asText().equals(name)) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no party " + name);
  }

  static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("name").asText()));
    return out;
  }
}
