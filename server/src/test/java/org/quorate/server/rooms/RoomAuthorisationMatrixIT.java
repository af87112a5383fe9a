package org.quorate.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Every role against every classification (and a private direct conversation), for subscribe,
 * read, post, edit, redact and search. Expectations are written out by hand, not derived from the
 * code under test.
 */
@DemoServer
class RoomAuthorisationMatrixIT {
  /** admin = administrator; secas = moderator; chair = chair without a Party; kate = room member with a Party;
   * alice = a Party's user who is not a member; observer = observer without a Party. */
  static final List<String> USERS = List.of("admin", "secas", "chair", "kate", "alice", "observer");
  static final List<String> ROOMS = List.of("white", "green", "amber", "red", "direct");

  // Who may read each room.
  static final Map<String, Set<String>> READERS = Map.of(
      "white", Set.of("admin", "secas", "chair", "kate", "alice", "observer"),
      "green", Set.of("admin", "secas", "kate", "alice"),
      "amber", Set.of("admin", "secas", "kate"),
      "red", Set.of("admin", "secas", "kate"),
      "direct", Set.of("kate", "alice"));
  // Who may post in each room.
  static final Map<String, Set<String>> POSTERS = Map.of(
      "white", Set.of("admin", "secas", "kate", "alice"),
      "green", Set.of("admin", "secas", "kate", "alice"),
      "amber", Set.of("admin", "secas", "kate"),
      "red", Set.of("admin", "secas", "kate"),
      "direct", Set.of("kate", "alice"));
  // Who may redact someone else's message.
  static final Map<String, Set<String>> REDACTORS = Map.of(
      "white", Set.of("admin", "secas"),
      "green", Set.of("admin", "secas"),
      "amber", Set.of("admin", "secas"),
      "red", Set.of("admin", "secas"),
      "direct", Set.of());

  static TestServer server;
  static final Map<String, Long> roomIds = new LinkedHashMap<>();
  static final Map<String, ApiClient> rest = new HashMap<>();
  static final Map<String, WsClient> sockets = new HashMap<>();

  @BeforeAll
  static void setUp() {
    for (String u : USERS) {
      rest.put(u, server.as(u));
      sockets.put(u, WsClient.connect(server.port(), rest.get(u).token()));
    }
    long kate = rest.get("kate").get("/api/me").json().get("id").asLong();
    long alice = rest.get("alice").get("/api/me").json().get("id").asLong();
    for (String c : List.of("white", "green", "amber", "red")) {
      JsonNode room = rest.get("admin").post("/api/rooms", Map.of("name", c + " room", "classification", c, "member_ids", List.of(kate))).json();
      roomIds.put(c, room.get("id").asLong());
    }
    roomIds.put("direct", rest.get("kate").post("/api/rooms/direct", Map.of("user_ids", List.of(alice))).json().get("id").asLong());
  }

  @AfterAll
  static void tearDown() {
    sockets.values().forEach(WsClient::close);
  }

  /** A message by a user allowed to post there other than {@code not}, for edit and redaction attempts. */
  static long messageInRoomBySomeoneElse(String room, String not) {
    String author = Stream.of("kate", "alice", "secas").filter(u -> !u.equals(not) && POSTERS.get(room).contains(u)).findFirst().orElseThrow();
    return sockets.get(author).post(roomIds.get(room), "seed by " + author).get("message_id").asLong();
  }

  @Test
  void everyRoleAndClassificationGetsExactlyTheRightsWrittenDown() {
    List<String> mismatches = new ArrayList<>();
    for (String room : ROOMS) {
      long id = roomIds.get(room);
      for (String user : USERS) {
        WsClient ws = sockets.get(user);
        boolean read = READERS.get(room).contains(user);
        boolean post = POSTERS.get(room).contains(user);
        boolean redact = REDACTORS.get(room).contains(user);

        check(mismatches, user, room, "subscribe", read, ws.request(Map.of("type", "subscribe", "room", id)));
        int status = rest.get(user).get("/api/rooms/" + id + "/events").status();
        if ((status == 200) != read || (!read && status != 403)) {
          mismatches.add(user + " read " + room + ": HTTP " + status);
        }
        JsonNode posted = ws.request(Map.of("type", "post_message", "room", id, "body", "matrix " + user + " " + room));
        check(mismatches, user, room, "post", post, posted);

        long target = post ? posted.get("message_id").asLong() : messageInRoomBySomeoneElse(room, user);
        check(mismatches, user, room, "edit", post, ws.request(Map.of("type", "edit_message", "room", id, "message_id", target,
            "body", "edited by " + user)));

        long victim = messageInRoomBySomeoneElse(room, user);
        check(mismatches, user, room, "redact", redact, ws.request(Map.of("type", "delete_message", "room", id, "message_id", victim,
            "reason", "matrix check")));

        String token = "zq" + room + "token";
        ApiClient.Response search = rest.get(user).get("/api/search?q=" + token + "&room=" + id);
        if ((search.status() == 200) != read) {
          mismatches.add(user + " search " + room + ": HTTP " + search.status());
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void searchWithoutARoomFilterFindsOnlyReadableRooms() {
    for (String room : ROOMS) {
      String author = POSTERS.get(room).contains("kate") ? "kate" : "alice";
      sockets.get(author).post(roomIds.get(room), "quokkaword in the " + room + " room");
    }
    for (String user : USERS) {
      JsonNode hits = rest.get(user).get("/api/search?q=quokkaword").json();
      Set<Long> found = new java.util.HashSet<>();
      hits.forEach(h -> found.add(h.get("room_id").asLong()));
      Set<Long> expected = new java.util.HashSet<>();
      ROOMS.stream().filter(r -> READERS.get(r).contains(user)).forEach(r -> expected.add(roomIds.get(r)));
      assertThat(found).as("rooms %s finds", user).isEqualTo(expected);
    }
  }

  @Test
  void noEventOfAForbiddenRoomEverReachesASocket() {
    // Every user tries to subscribe everywhere; then every room gets traffic.
    for (String user : USERS) {
      for (String room : ROOMS) {
        sockets.get(user).request(Map.of("type", "subscribe", "room", roomIds.get(room)));
      }
    }
    for (String room : ROOMS) {
      sockets.get("kate").post(roomIds.get(room), "final traffic in " + room);
    }
    // Wait until the readers of the last room saw the last post, then inspect what everyone received.
    for (String reader : READERS.get("direct")) {
      sockets.get(reader).await(n -> "final traffic in direct".equals(n.path("body").asText()));
    }
    sockets.get("admin").await(n -> "final traffic in red".equals(n.path("body").asText()));
    for (String user : USERS) {
      for (JsonNode event : sockets.get(user).received()) {
        if (!event.has("room") || !event.has("seq") || WsClient.type(event).equals("ack")) {
          continue;
        }
        String room = roomIds.entrySet().stream().filter(e -> e.getValue() == event.get("room").asLong()).map(Map.Entry::getKey)
            .findFirst().orElse(null);
        if (room != null) {
          assertThat(READERS.get(room)).as("%s received %s from %s", user, WsClient.type(event), room).contains(user);
        }
      }
    }
  }

  private static void check(List<String> mismatches, String user, String room, String action, boolean allowed, JsonNode reply) {
    String type = WsClient.type(reply);
    boolean ok = type.equals("ack") || type.equals("subscribed");
    if (ok != allowed) {
      mismatches.add(user + " " + action + " " + room + ": expected " + (allowed ? "allowed" : "refused") + " got " + reply);
    } else if (!allowed && !"not_authorised".equals(reply.path("code").asText())) {
      mismatches.add(user + " " + action + " " + room + ": refused with " + reply.path("code").asText() + " not not_authorised");
    }
  }
}
