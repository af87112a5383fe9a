package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** A subscriber learns who is online once; after that the room hears only who joined and who left. */
@DemoServer
class PresenceIT {
  static TestServer server;
  static long room;

  @BeforeAll
  static void start() {
    room = server.as("admin").post("/api/rooms", Map.of("name", "presence", "classification", "white")).json().get("id").asLong();
  }

  static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  static List<String> names(JsonNode users) {
    List<String> out = new ArrayList<>();
    users.forEach(u -> out.add(u.get("display_name").asText()));
    return out;
  }

  static boolean changed(JsonNode n, String change, String name) {
    return WsClient.type(n).equals("presence_changed") && n.get("room").asLong() == room && n.get("change").asText().equals(change)
        && n.get("user").get("display_name").asText().startsWith(name);
  }

  @Test
  void aSubscriberGetsOneSnapshotAndTheRoomGetsOnlyJoinedAndLeftChanges() {
    try (WsClient alice = connect("alice")) {
      alice.subscribe(room, null);
      JsonNode own = alice.await(n -> WsClient.type(n).equals("presence"));
      assertThat(names(own.get("online"))).singleElement().asString().startsWith("Alice");

      int beforeKate = alice.received().size();
      WsClient kate = connect("kate");
      kate.subscribe(room, null);
      JsonNode kateSnapshot = kate.await(n -> WsClient.type(n).equals("presence"));
      assertThat(names(kateSnapshot.get("online"))).hasSize(2).anyMatch(n -> n.startsWith("Alice")).anyMatch(n -> n.startsWith("Kate"));
      alice.awaitAfter(beforeKate, n -> changed(n, "joined", "Kate"));

      // A second connection of the same user changes nothing the room can see; the last one leaving does.
      WsClient kateAgain = connect("kate");
      kateAgain.subscribe(room, null);
      // The snapshot proves the server has the second connection in the room before the first one goes.
      kateAgain.await(n -> WsClient.type(n).equals("presence"));
      kate.close();
      int afterFirstClose = alice.received().size();
      kateAgain.close();
      alice.awaitAfter(afterFirstClose, n -> changed(n, "left", "Kate"));
      assertThat(alice.received().stream().filter(n -> changed(n, "left", "Kate"))).hasSize(1);
      assertThat(alice.received().stream().filter(n -> changed(n, "joined", "Kate"))).hasSize(1);
      assertThat(alice.received().stream().filter(n -> WsClient.type(n).equals("presence"))).hasSize(1);
    }
  }
}
