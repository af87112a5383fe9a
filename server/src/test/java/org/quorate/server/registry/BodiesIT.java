package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class BodiesIT {
  static TestServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    admin = server.as("admin");
  }

  @Test
  void theDemoRegistryHoldsTheSecBodiesWithTheirMembersAndChairs() {
    JsonNode bodies = server.as("observer").get("/api/bodies").json();
    assertThat(bodies).extracting(b -> b.get("code").asText())
        .contains("PANEL", "CHANGE_BOARD", "CSC", "TABASC", "OPSG", "TAG", "SSC", "SMKI_PMA", "WG_MP210");
    assertThat(bodies).extracting(b -> b.get("kind").asText()).contains("panel", "sub_committee", "working_group");
    JsonNode panel = bodyCoded(bodies, "PANEL");
    assertThat(panel.get("kind").asText()).isEqualTo("panel");
    assertThat(panel.get("chair_user_id").asLong()).isEqualTo(userId("chair"));
    assertThat(panel.get("members")).anySatisfy(m -> {
      assertThat(m.get("username").asText()).isEqualTo("connie");
      assertThat(m.get("voting").asBoolean()).isFalse();
      assertThat(m.get("category").asText()).isEqualTo("consumer_member");
    });
  }

  @Test
  void anAdministratorCreatesABodyAddsAndRemovesMembersAndChangesItsChair() {
    ApiClient.Response created = admin.post("/api/bodies",
        Map.of("code", "WG_MP300", "name", "MP300 Working Group", "kind", "working_group", "rules", "WORKING_GROUP",
            "chair_user_id", userId("secas")));
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(created.json().get("members")).isEmpty();

    ApiClient.Response added = admin.post("/api/bodies/" + id + "/members", Map.of("user_id", userId("kate"),
        "seat", "Working Group Member", "voting", true, "party_id", partyIdOf("kate"), "category", "small_supplier"));
    assertThat(added.status()).isEqualTo(200);
    admin.post("/api/bodies/" + id + "/members",
        Map.of("user_id", userId("connie"), "seat", "Consumer Member", "voting", false));
    JsonNode body = admin.get("/api/bodies/" + id).json();
    assertThat(body.get("members")).extracting(m -> m.get("username").asText()).containsExactly("connie", "kate");

    ApiClient.Response reseated = admin.post("/api/bodies/" + id + "/members",
        Map.of("user_id", userId("kate"), "seat", "Observer Seat", "voting", false));
    assertThat(reseated.json().get("members")).hasSize(2).anySatisfy(m -> {
      assertThat(m.get("username").asText()).isEqualTo("kate");
      assertThat(m.get("seat").asText()).isEqualTo("Observer Seat");
      assertThat(m.get("voting").asBoolean()).isFalse();
    });

    ApiClient.Response removed = admin.delete("/api/bodies/" + id + "/members/" + userId("connie"));
    assertThat(removed.status()).isEqualTo(200);
    assertThat(removed.json().get("members")).extracting(m -> m.get("username").asText()).containsExactly("kate");

    Map<String, Object> change = new HashMap<>(Map.of("code", "WG_MP300", "name", "MP300 Working Group (reconvened)",
        "kind", "working_group", "chair_user_id", userId("chair")));
    ApiClient.Response updated = admin.put("/api/bodies/" + id, change);
    assertThat(updated.status()).isEqualTo(200);
    assertThat(admin.get("/api/bodies/" + id).json().get("chair_user_id").asLong()).isEqualTo(userId("chair"));
    assertThat(admin.get("/api/bodies/" + id).json().get("name").asText()).isEqualTo("MP300 Working Group (reconvened)");
  }

  @Test
  void onlyAnAdministratorChangesBodiesOrTheirMembers() {
    long panel = bodyCoded(admin.get("/api/bodies").json(), "PANEL").get("id").asLong();
    String before = admin.get("/api/bodies/" + panel).body();
    for (String username : List.of("rep", "alice", "observer", "secas", "chair")) {
      ApiClient someone = server.as(username);
      assertThat(someone.post("/api/bodies", Map.of("code", "ROGUE", "name", "Rogue", "kind", "panel")).status())
          .as(username).isEqualTo(403);
      assertThat(someone.post("/api/bodies/" + panel + "/members",
          Map.of("user_id", userId(username), "seat", "Self-appointed", "voting", true)).status()).as(username).isEqualTo(403);
      assertThat(someone.delete("/api/bodies/" + panel + "/members/" + userId("alice")).status()).as(username).isEqualTo(403);
      assertThat(someone.put("/api/bodies/" + panel, Map.of("code", "PANEL", "name", "Renamed", "kind", "panel")).status())
          .as(username).isEqualTo(403);
    }
    assertThat(admin.get("/api/bodies/" + panel).body()).isEqualTo(before);
  }

  @Test
  void unknownBodiesMembersAndUsersAreNamed() {
    assertThat(admin.get("/api/bodies/987654").status()).isEqualTo(404);
    assertThat(admin.post("/api/bodies/987654/members",
        Map.of("user_id", userId("kate"), "seat", "S", "voting", true)).status()).isEqualTo(404);
    long panel = bodyCoded(admin.get("/api/bodies").json(), "PANEL").get("id").asLong();
    assertThat(admin.delete("/api/bodies/" + panel + "/members/" + userId("rep")).status()).isEqualTo(404);

    ApiClient.Response noSuchUser = admin.post("/api/bodies/" + panel + "/members",
        Map.of("user_id", 987654, "seat", "S", "voting", true));
    assertThat(noSuchUser.status()).isEqualTo(400);
    assertThat(noSuchUser.json().get("field").asText()).isEqualTo("user_id");

    ApiClient.Response duplicateCode = admin.post("/api/bodies", Map.of("code", "PANEL", "name", "Second Panel", "kind", "panel",
        "rules", "PANEL"));
    assertThat(duplicateCode.status()).isEqualTo(409);
    assertThat(duplicateCode.json().get("field").asText()).isEqualTo("code");
  }

  @Test
  void aNewBodyMustNameItsRulesSetFromTheListTheApiPublishesOrIsRefusedNamingTheField() {
    JsonNode sets = admin.get("/api/rules").json();
    assertThat(sets).extracting(s -> s.get("rules").asText())
        .contains("PANEL", "CHANGE_BOARD", "CSC", "WORKING_GROUP");
    assertThat(sets).allSatisfy(s -> assertThat(s.get("version").asInt()).isPositive());

    ApiClient.Response missing = admin.post("/api/bodies", Map.of("code", "SC_NEW", "name", "New Sub-Committee", "kind", "sub_committee"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("field").asText()).isEqualTo("rules");
    ApiClient.Response unknown = admin.post("/api/bodies", Map.of("code", "SC_NEW", "name", "New Sub-Committee",
        "kind", "sub_committee", "rules", "SC_NEW"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("field").asText()).isEqualTo("rules");
    assertThat(admin.get("/api/bodies").json()).extracting(b -> b.get("code").asText()).doesNotContain("SC_NEW");

    ApiClient.Response created = admin.post("/api/bodies", Map.of("code", "SC_NEW", "name", "New Sub-Committee",
        "kind", "sub_committee", "rules", "CSC"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("rules").asText()).isEqualTo("CSC");
    long id = created.json().get("id").asLong();
    admin.post("/api/bodies/" + id + "/members", Map.of("user_id", userId("kate"), "seat", "Member", "voting", true,
        "party_id", kestrel()));

    // The first decision of the new body is counted under the rules chosen at creation, not refused later.
    ApiClient.Response opened = server.as("secas").post("/api/decisions", Map.of("body", "SC_NEW",
        "question", "Should the new Sub-Committee meet monthly?", "kind", "asynchronous", "closes_in_working_days", 3));
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    JsonNode decision = admin.get("/api/decisions/" + opened.json().get("decision_id").asLong()).json();
    assertThat(decision.get("rules").asText()).startsWith("CSC v");

    ApiClient.Response kept = admin.put("/api/bodies/" + id, Map.of("code", "SC_NEW", "name", "Renamed Sub-Committee",
        "kind", "sub_committee"));
    assertThat(kept.json().get("rules").asText()).isEqualTo("CSC");
    ApiClient.Response badChange = admin.put("/api/bodies/" + id, Map.of("code", "SC_NEW", "name", "Renamed Sub-Committee",
        "kind", "sub_committee", "rules", "NO_SUCH_RULES"));
    assertThat(badChange.status()).isEqualTo(400);
    assertThat(badChange.json().get("field").asText()).isEqualTo("rules");
  }

  private static long kestrel() {
    for (JsonNode p : admin.get("/api/parties").json()) {
      if (p.get("name").asText().startsWith("Kestrel")) {
        return p.get("id").asLong();
      }
    }
    throw new AssertionError("no Kestrel Energy");
  }

  private static JsonNode bodyCoded(JsonNode bodies, String code) {
    for (JsonNode b : bodies) {
      if (b.get("code").asText().equals(code)) {
        return b;
      }
    }
    throw new AssertionError("no body " + code);
  }

  static long userId(String username) {
    for (JsonNode u : admin.get("/api/users").json()) {
      if (u.get("username").asText().equals(username)) {
        return u.get("id").asLong();
      }
    }
    throw new AssertionError("no user " + username);
  }

  private static long partyIdOf(String username) {
    return admin.get("/api/users/" + userId(username)).json().get("party_id").asLong();
  }
}
