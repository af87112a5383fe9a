package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

@DemoServer
class ModificationsIT {
  static TestServer server;
  static ApiClient secas;

  @BeforeAll
  static void start() {
    secas = server.as("secas");
  }

  @Test
  void aModeratorRaisesAModificationAndItsFirstStageIsRecorded() {
    OffsetDateTime before = OffsetDateTime.now().minusSeconds(5);
    ApiClient.Response created = secas.post("/api/modifications", Map.of("id", "mp301", "title", "Faster firmware rollback",
        "path", "path_3_self_governance", "urgent", true));

    assertThat(created.status()).isEqualTo(201);
    JsonNode mod = created.json();
    assertThat(mod.get("id").asText()).isEqualTo("MP301");
    assertThat(mod.get("stage").asText()).isEqualTo("draft_development");
    assertThat(mod.get("urgent").asBoolean()).isTrue();
    JsonNode raised = mod.get("history").get(0);
    assertThat(raised.get("from_stage").isNull()).isTrue();
    assertThat(raised.get("to_stage").asText()).isEqualTo("draft_development");
    assertThat(raised.get("changed_by").asLong()).isEqualTo(me(secas));
    assertThat(OffsetDateTime.parse(raised.get("changed_at").asText())).isAfter(before);
    assertThat(server.as("observer").get("/api/modifications/MP301").json()).isEqualTo(mod);
  }

  @Test
  void everyStageChangeIsRecordedWithWhoWhenAndWhy() {
    secas.post("/api/modifications", Map.of("id", "MP302", "title", "Clarify SMKI timescales", "path", "fast_track"));
    ApiClient admin = server.as("admin");

    assertThat(secas.post("/api/modifications/MP302/stage",
        Map.of("stage", "refinement", "reason", "Panel sent it to a Working Group")).status()).isEqualTo(200);
    ApiClient.Response second = admin.post("/api/modifications/mp302/stage",
        Map.of("stage", "report_phase", "reason", "Working Group consultation complete"));

    assertThat(second.status()).isEqualTo(200);
    JsonNode mod = second.json();
    assertThat(mod.get("stage").asText()).isEqualTo("report_phase");
    JsonNode history = mod.get("history");
    assertThat(history).hasSize(3);
    assertThat(history.get(1).get("from_stage").asText()).isEqualTo("draft_development");
    assertThat(history.get(1).get("to_stage").asText()).isEqualTo("refinement");
    assertThat(history.get(1).get("changed_by").asLong()).isEqualTo(me(secas));
    assertThat(history.get(1).get("reason").asText()).isEqualTo("Panel sent it to a Working Group");
    assertThat(history.get(2).get("from_stage").asText()).isEqualTo("refinement");
    assertThat(history.get(2).get("changed_by").asLong()).isEqualTo(me(admin));
    assertThat(history.get(2).get("reason").asText()).isEqualTo("Working Group consultation complete");
    assertThat(OffsetDateTime.parse(history.get(2).get("changed_at").asText()))
        .isAfterOrEqualTo(OffsetDateTime.parse(history.get(1).get("changed_at").asText()));
  }

  @Test
  void aStageChangeNeedsAReasonAndAKnownStageAndMustChangeTheStage() {
    secas.post("/api/modifications", Map.of("id", "MP303", "title", "Reasons matter", "path", "fast_track"));

    ApiClient.Response noReason = secas.post("/api/modifications/MP303/stage", Map.of("stage", "refinement"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.json().get("field").asText()).isEqualTo("reason");

    ApiClient.Response unknownStage = secas.post("/api/modifications/MP303/stage", Map.of("stage", "limbo", "reason", "r"));
    assertThat(unknownStage.status()).isEqualTo(400);
    assertThat(unknownStage.json().get("field").asText()).isEqualTo("stage");

    ApiClient.Response same = secas.post("/api/modifications/MP303/stage",
        Map.of("stage", "draft_development", "reason", "again"));
    assertThat(same.status()).isEqualTo(409);
    assertThat(secas.get("/api/modifications/MP303").json().get("history")).hasSize(1);
  }

  @Test
  void aModeratorUpdatesTheTitlePathAndProposerButNotTheStage() {
    long proposer = secas.get("/api/parties").json().get(0).get("id").asLong();
    secas.post("/api/modifications", Map.of("id", "DP304", "title", "Draft title", "path", "path_3_self_governance"));

    ApiClient.Response updated = secas.put("/api/modifications/DP304", Map.of("title", "Better title",
        "path", "path_2_authority_determination", "proposer_party_id", proposer, "urgent", false));

    assertThat(updated.status()).isEqualTo(200);
    JsonNode mod = secas.get("/api/modifications/DP304").json();
    assertThat(mod.get("title").asText()).isEqualTo("Better title");
    assertThat(mod.get("path").asText()).isEqualTo("path_2_authority_determination");
    assertThat(mod.get("proposer_party_id").asLong()).isEqualTo(proposer);

    ApiClient.Response stageSmuggled = secas.put("/api/modifications/DP304",
        Map.of("title", "Better title", "path", "fast_track", "stage", "approved"));
    assertThat(stageSmuggled.status()).isEqualTo(400);
    assertThat(stageSmuggled.json().get("field").asText()).isEqualTo("stage");
    assertThat(secas.get("/api/modifications/DP304").json().get("stage").asText()).isEqualTo("draft_development");
  }

  @Test
  void membersRepresentativesObserversAndChairsCannotRaiseOrMoveModifications() {
    for (String username : List.of("alice", "rep", "observer", "chair")) {
      ApiClient someone = server.as(username);
      assertThat(someone.post("/api/modifications", Map.of("id", "MP399", "title", "Mine", "path", "fast_track")).status())
          .as(username).isEqualTo(403);
      ApiClient.Response move = someone.post("/api/modifications/MP215/stage", Map.of("stage", "approved", "reason", "I say so"));
      assertThat(move.status()).as(username).isEqualTo(403);
      assertThat(move.error()).isEqualTo("not_authorised");
      assertThat(someone.put("/api/modifications/MP215", Map.of("title", "Hijacked", "path", "fast_track")).status())
          .as(username).isEqualTo(403);
    }
    JsonNode mp215 = secas.get("/api/modifications/MP215").json();
    assertThat(mp215.get("stage").asText()).isEqualTo("change_board");
    assertThat(mp215.get("title").asText()).isNotEqualTo("Hijacked");
    assertThat(secas.get("/api/modifications/MP399").status()).isEqualTo(404);
  }

  @Test
  void aModeratorCannotCreateAParty() {
    ApiClient.Response refused = secas.post("/api/parties", Map.of("name", "Moderated Energy Ltd", "category", "small_supplier"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("not_authorised");
  }

  @Test
  void theDemoModificationsAreAtDifferentStagesWithTheirHistory() {
    JsonNode mods = secas.get("/api/modifications").json();
    assertThat(mods).extracting(m -> m.get("id").asText() + "@" + m.get("stage").asText())
        .contains("MP210@refinement", "MP215@change_board", "MP221@draft_development", "DP230@draft_development");
    assertThat(secas.get("/api/modifications/MP215").json().get("history")).hasSize(4);
  }

  @Test
  void anUnknownOrMalformedModificationIsRefused() {
    assertThat(secas.get("/api/modifications/MP99999").status()).isEqualTo(404);
    assertThat(secas.post("/api/modifications/MP99999/stage", Map.of("stage", "refinement", "reason", "r")).status())
        .isEqualTo(404);
    ApiClient.Response badId = secas.post("/api/modifications", Map.of("id", "CR12", "title", "T", "path", "fast_track"));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.json().get("field").asText()).isEqualTo("id");
    ApiClient.Response taken = secas.post("/api/modifications", Map.of("id", "MP210", "title", "Again", "path", "fast_track"));
    assertThat(taken.status()).isEqualTo(409);
  }

  private static long me(ApiClient client) {
    return client.get("/api/me").json().get("id").asLong();
  }
}
