package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/** Drives meetings in integration tests through the public REST API and real WebSockets only. */
public final class MeetingTestKit {
  private final TestServer server;
  private final ApiClient admin;

  public MeetingTestKit(TestServer server) {
    this.server = server;
    this.admin = server.as("admin");
  }

  public ApiClient admin() {
    return admin;
  }

  public long bodyId(String code) {
    return find(admin.get("/api/bodies").json(), "code", code).get("id").asLong();
  }

  public long roomOfBody(long bodyId) {
    for (JsonNode r : admin.get("/api/rooms").json()) {
      if (r.path("body_id").asLong() == bodyId) {
        return r.get("id").asLong();
      }
    }
    throw new AssertionError("no room for body " + bodyId);
  }

  public long roomOfModification(String id) {
    return find(admin.get("/api/rooms").json(), "modification_id", id).get("id").asLong();
  }

  public long userId(String username) {
    return find(admin.get("/api/users").json(), "username", username).get("id").asLong();
  }

  public long partyId(String name) {
    return find(admin.get("/api/parties").json(), "name", name).get("id").asLong();
  }

  public long createParty(String name, String category) {
    ApiClient.Response r = admin.post("/api/parties", Map.of("name", name, "category", category));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  public long createUser(String username, String displayName, Long partyId, String... roles) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("username", username);
    in.put("display_name", displayName);
    in.put("password", TestServer.DEMO_PASSWORD);
    in.put("party_id", partyId);
    in.put("roles", List.of(roles));
    ApiClient.Response r = admin.post("/api/users", in);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  public void addMember(long bodyId, long userId, String seat, boolean voting, Long partyId) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("user_id", userId);
    in.put("seat", seat);
    in.put("voting", voting);
    in.put("party_id", partyId);
    ApiClient.Response r = admin.post("/api/bodies/" + bodyId + "/members", in);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
  }

  public JsonNode createMeeting(ApiClient as, long bodyId, String title, String start, List<Map<String, Object>> agenda) {
    ApiClient.Response r = as.post("/api/meetings", Map.of("body_id", bodyId, "title", title, "scheduled_start", start, "agenda", agenda));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  public static Map<String, Object> item(String title, String modification) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("modification_id", modification);
    return m;
  }

  public JsonNode view(long meetingId) {
    ApiClient.Response r = admin.get("/api/meetings/" + meetingId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  public long itemId(long meetingId, int position) {
    for (JsonNode i : view(meetingId).get("agenda")) {
      if (i.get("position").asInt() == position) {
        return i.get("id").asLong();
      }
    }
    throw new AssertionError("no agenda item " + position);
  }

  public WsClient connect(String username, long room) {
    WsClient ws = WsClient.connect(server.port(), server.as(username).token());
    ws.subscribe(room, null);
    return ws;
  }

  /** Sends a command (alternating field names and values) and returns its ack or error. */
  public static JsonNode send(WsClient ws, String type, Object... fields) {
    Map<String, Object> cmd = new LinkedHashMap<>();
    cmd.put("type", type);
    for (int i = 0; i < fields.length; i += 2) {
      cmd.put((String) fields[i], fields[i + 1]);
    }
    return ws.request(cmd);
  }

  /** Sends a command that must succeed; returns the seq of the room event it produced. */
  public static long ok(WsClient ws, String type, Object... fields) {
    JsonNode reply = send(ws, type, fields);
    assertThat(WsClient.type(reply)).as(type + " " + reply).isEqualTo("ack");
    return reply.get("seq").asLong();
  }

  public static void refused(WsClient ws, String code, String type, Object... fields) {
    JsonNode reply = send(ws, type, fields);
    assertThat(WsClient.type(reply)).as(type + " " + reply).isEqualTo("error");
    assertThat(reply.get("code").asText()).as(type + " " + reply).isEqualTo(code);
  }

  /** The room event a command produced, as another client received it. */
  public static JsonNode event(WsClient ws, long room, long seq) {
    return ws.await(n -> n.path("room").asLong() == room && n.path("seq").asLong() == seq && !WsClient.type(n).equals("ack"));
  }

  public static List<JsonNode> events(WsClient ws, long room, String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : ws.roomEvents(room)) {
      if (WsClient.type(n).equals(type)) {
        out.add(n);
      }
    }
    return out;
  }

  private static JsonNode find(JsonNode array, String field, String value) {
    for (JsonNode n : array) {
      if (value.equals(n.path(field).asText())) {
        return n;
      }
    }
    throw new AssertionError("no " + field + " = " + value + " in " + array);
  }
}
