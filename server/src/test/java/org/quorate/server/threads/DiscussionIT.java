package org.quorate.server.threads;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Several real WebSocket clients discussing in one room over a real store. */
@DemoServer
class DiscussionIT {
  static TestServer server;
  static long room;

  @BeforeAll
  static void start() {
    room = roomOf(server.as("alice"), "MP210");
  }

  static long roomOf(ApiClient client, String modification) {
    for (JsonNode r : client.get("/api/rooms").json()) {
      if (modification.equals(r.path("modification_id").asText())) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for " + modification);
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  @Test
  void aPostReachesEverySubscriberOnceWithTheSameSequenceNumber() {
    try (WsClient alice = connect("alice"); WsClient kate = connect("kate"); WsClient eric = connect("eric")) {
      alice.subscribe(room, null);
      kate.subscribe(room, null);
      eric.subscribe(room, null);

      JsonNode ack = alice.post(room, "Firmware updates should be staged by region.");
      assertThat(WsClient.type(ack)).isEqualTo("ack");
      long seq = ack.get("seq").asLong();
      long messageId = ack.get("message_id").asLong();

      for (WsClient c : List.of(alice, kate, eric)) {
        JsonNode posted = c.await(n -> WsClient.type(n).equals("message_posted") && n.get("message_id").asLong() == messageId);
        assertThat(posted.get("seq").asLong()).isEqualTo(seq);
        assertThat(posted.get("body").asText()).isEqualTo("Firmware updates should be staged by region.");
        assertThat(posted.at("/author/display_name").asText()).contains("Alice");
      }
      // A later post proves nothing else arrived in between: exactly one copy each.
      long next = alice.post(room, "second").get("seq").asLong();
      for (WsClient c : List.of(alice, kate, eric)) {
        c.await(n -> n.path("seq").asLong() == next && WsClient.type(n).equals("message_posted"));
        assertThat(c.roomEvents(room).stream().filter(n -> n.get("seq").asLong() == seq)).hasSize(1);
      }
    }
  }

  @Test
  void aReplyAppearsInItsThreadAndTheThreadListCountsIt() {
    try (WsClient kate = connect("kate"); WsClient gary = connect("gary")) {
      kate.subscribe(room, null);
      gary.subscribe(room, null);
      long root = kate.post(room, "Should Gas Networks be consulted separately?").get("message_id").asLong();
      JsonNode reply = gary.request(Map.of("type", "post_message", "room", room, "body", "Yes, please.", "thread_root", root));
      long replyId = reply.get("message_id").asLong();

      JsonNode seen = kate.await(n -> WsClient.type(n).equals("message_posted") && n.get("message_id").asLong() == replyId);
      assertThat(seen.get("thread_root").asLong()).isEqualTo(root);

      JsonNode threads = server.as("kate").get("/api/rooms/" + room + "/threads").json();
      JsonNode thread = null;
      for (JsonNode t : threads) {
        if (t.get("root_id").asLong() == root) {
          thread = t;
        }
      }
      assertThat(thread).isNotNull();
      assertThat(thread.get("reply_count").asLong()).isEqualTo(1);

      JsonNode view = server.as("kate").get("/api/rooms/" + room + "/messages/" + root).json();
      assertThat(view.get("replies").get(0).get("body").asText()).isEqualTo("Yes, please.");
    }
  }

  @Test
  void anEditAndARedactionReachEveryoneAndHistoryIsKept() {
    try (WsClient alice = connect("alice"); WsClient kate = connect("kate"); WsClient mod = connect("secas")) {
      alice.subscribe(room, null);
      kate.subscribe(room, null);
      mod.subscribe(room, null);
      long id = alice.post(room, "Draft wording v1").get("message_id").asLong();
      JsonNode edit = alice.request(Map.of("type", "edit_message", "room", room, "message_id", id, "body", "Draft wording v2"));
      assertThat(WsClient.type(edit)).isEqualTo("ack");
      JsonNode edited = kate.await(n -> WsClient.type(n).equals("message_edited") && n.get("message_id").asLong() == id);
      assertThat(edited.get("body").asText()).isEqualTo("Draft wording v2");

      JsonNode history = server.as("kate").get("/api/rooms/" + room + "/messages/" + id).json();
      assertThat(history.at("/message/body").asText()).isEqualTo("Draft wording v2");
      assertThat(history.at("/revisions/0/body").asText()).isEqualTo("Draft wording v1");

      JsonNode redact = mod.request(Map.of("type", "delete_message", "room", room, "message_id", id, "reason", "Commercially sensitive"));
      assertThat(WsClient.type(redact)).isEqualTo("ack");
      JsonNode deleted = kate.await(n -> WsClient.type(n).equals("message_deleted") && n.get("message_id").asLong() == id);
      assertThat(deleted.get("redaction").asBoolean()).isTrue();
      assertThat(deleted.get("reason").asText()).isEqualTo("Commercially sensitive");

      // The stored history keeps a tombstone without the text.
      JsonNode page = server.as("kate").get("/api/rooms/" + room + "/events?limit=200").json();
      JsonNode tombstone = null;
      for (JsonNode e : page.get("events")) {
        if (WsClient.type(e).equals("message_posted") && e.get("message_id").asLong() == id) {
          tombstone = e;
        }
      }
      assertThat(tombstone).isNotNull();
      assertThat(tombstone.get("deleted").asBoolean()).isTrue();
      assertThat(tombstone.get("body").isNull()).isTrue();
      assertThat(page.toString()).doesNotContain("Draft wording v1").doesNotContain("Draft wording v2");
    }
  }

  @Test
  void onlyTheAuthorMayEditAndOnlyAModeratorMayRedactOthers() {
    try (WsClient alice = connect("alice"); WsClient kate = connect("kate")) {
      long id = alice.post(room, "mine").get("message_id").asLong();
      JsonNode edit = kate.request(Map.of("type", "edit_message", "room", room, "message_id", id, "body", "hijacked"));
      assertThat(edit.get("code").asText()).isEqualTo("not_authorised");
      JsonNode delete = kate.request(Map.of("type", "delete_message", "room", room, "message_id", id, "reason", "no"));
      assertThat(delete.get("code").asText()).isEqualTo("not_authorised");
      JsonNode view = server.as("alice").get("/api/rooms/" + room + "/messages/" + id).json();
      assertThat(view.at("/message/body").asText()).isEqualTo("mine");
    }
  }
}
