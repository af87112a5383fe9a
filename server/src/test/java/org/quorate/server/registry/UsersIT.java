package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class UsersIT {
  static TestServer server;
  static ApiClient admin;

  @BeforeAll
  static void start() {
    admin = server.as("admin");
  }

  @Test
  void anAdministratorCreatesAUserWhoCanThenSignIn() {
    long party = admin.get("/api/parties").json().get(0).get("id").asLong();
    ApiClient.Response created = admin.post("/api/users", Map.of("username", "Newbie", "display_name", "Nia Newbie",
        "password", "long-enough-secret", "party_id", party, "roles", List.of("member", "party_representative")));

    assertThat(created.status()).isEqualTo(201);
    JsonNode user = created.json();
    assertThat(user.get("username").asText()).isEqualTo("newbie");
    assertThat(user.get("party_id").asLong()).isEqualTo(party);
    assertThat(user.toString()).doesNotContain("password").doesNotContain("long-enough-secret");

    ApiClient newbie = server.api();
    assertThat(newbie.login("newbie", "long-enough-secret").status()).isEqualTo(200);
    assertThat(newbie.get("/api/me").json().get("roles").toString()).contains("party_representative");
    assertThat(newbie.get("/api/users/" + user.get("id").asLong()).json()).isEqualTo(user);
  }

  @Test
  void anAdministratorChangesAUsersRolesAndTheyTakeEffect() {
    long id = admin.post("/api/users", Map.of("username", "promoted", "display_name", "Pat Promoted",
        "password", "long-enough-secret", "roles", List.of("observer"))).json().get("id").asLong();
    ApiClient pat = server.api();
    pat.login("promoted", "long-enough-secret");
    assertThat(pat.post("/api/modifications", Map.of("id", "DP901", "title", "T", "path", "fast_track")).status())
        .isEqualTo(403);

    ApiClient.Response updated = admin.put("/api/users/" + id,
        Map.of("display_name", "Pat Promoted (SECAS)", "roles", List.of("moderator")));

    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("display_name").asText()).isEqualTo("Pat Promoted (SECAS)");
    assertThat(updated.json().get("roles").toString()).isEqualTo("[\"moderator\"]");
    assertThat(pat.post("/api/modifications", Map.of("id", "DP901", "title", "T", "path", "fast_track")).status())
        .isEqualTo(201);
  }

  @Test
  void noOneButAnAdministratorCreatesOrChangesUsers() {
    for (String username : List.of("rep", "alice", "observer", "secas", "chair")) {
      ApiClient someone = server.as(username);
      ApiClient.Response create = someone.post("/api/users", Map.of("username", "intruder-" + username,
          "display_name", "Intruder", "password", "long-enough-secret", "roles", List.of("administrator")));
      assertThat(create.status()).as(username).isEqualTo(403);
      long self = someone.get("/api/me").json().get("id").asLong();
      ApiClient.Response promoteSelf = someone.put("/api/users/" + self,
          Map.of("display_name", "Me", "roles", List.of("administrator")));
      assertThat(promoteSelf.status()).as(username).isEqualTo(403);
      assertThat(someone.get("/api/me").json().get("roles").toString()).doesNotContain("administrator");
    }
    assertThat(admin.get("/api/users").body()).doesNotContain("intruder-");
  }

  @Test
  void aShortPasswordAnUnknownRoleAndATakenUsernameAreRefusedNamingTheField() {
    ApiClient.Response shortPassword = admin.post("/api/users",
        Map.of("username", "shorty", "display_name", "S", "password", "short"));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.json().get("field").asText()).isEqualTo("password");

    ApiClient.Response unknownRole = admin.post("/api/users", Map.of("username", "emperor", "display_name", "E",
        "password", "long-enough-secret", "roles", List.of("emperor")));
    assertThat(unknownRole.status()).isEqualTo(400);
    assertThat(unknownRole.json().get("field").asText()).startsWith("roles");

    ApiClient.Response taken = admin.post("/api/users",
        Map.of("username", "alice", "display_name", "Another Alice", "password", "long-enough-secret"));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.json().get("field").asText()).isEqualTo("username");

    ApiClient.Response noSuchParty = admin.post("/api/users", Map.of("username", "partyless", "display_name", "P",
        "password", "long-enough-secret", "party_id", 987654));
    assertThat(noSuchParty.status()).isEqualTo(400);
    assertThat(noSuchParty.json().get("field").asText()).isEqualTo("party_id");
  }

  @Test
  void anUnknownUserIs404() {
    assertThat(admin.get("/api/users/987654").status()).isEqualTo(404);
    assertThat(admin.put("/api/users/987654", Map.of("display_name", "Ghost", "roles", List.of())).status())
        .isEqualTo(404);
  }
}
