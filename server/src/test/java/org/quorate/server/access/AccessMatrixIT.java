package org.quorate.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quorate.protocol.ClientCommand;
import org.quorate.server.FeaturesProbe;
import org.quorate.server.access.AccessMatrix.Channel;
import org.quorate.server.access.AccessMatrix.Expect;
import org.quorate.server.access.AccessMatrix.Persona;
import org.quorate.server.access.AccessMatrix.Row;
import org.quorate.server.access.AccessMatrix.Where;
import org.quorate.server.access.MatrixCalls.Answer;
import org.quorate.server.access.MatrixCalls.Seen;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Drives every cell of the {@link AccessMatrix} — each REST route and WebSocket command, as each
 * persona, in each place — against a real server, while every signed-in persona's socket listens
 * to every room it may subscribe to. Then looks through everything each persona was answered or
 * sent for the markers planted in places it may not read.
 */
@DemoServer
class AccessMatrixIT {
  static TestServer server;
  static MatrixWorld world;
  static MatrixCalls calls;
  static Map<String, MatrixDrivers.Driver> drivers;
  static final List<String> mismatches = new ArrayList<>();
  static final Map<Persona, Set<Long>> listening = new HashMap<>();
  static int cells;
  static int stateRefusals;

  @BeforeAll
  static void driveEveryCell() {
    world = new MatrixWorld(server);
    world.build();
    calls = new MatrixCalls(server);
    listenEverywhere();
    world.plantMarkers();
    drivers = new MatrixDrivers(world, calls).all();
    long start = System.nanoTime();
    for (Row row : AccessMatrix.rows()) {
      MatrixDrivers.Driver driver = drivers.get(row.key());
      if (driver == null) {
        continue;
      }
      for (Where w : row.scope().places) {
        for (Persona p : Persona.values()) {
          cells++;
          check(row, p, w, driver);
        }
      }
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    for (Persona p : listening.keySet()) {
      if (calls.socket(p).isClosed()) {
        mismatches.add(p + "'s socket was closed during the run: " + calls.socket(p).closeReason());
      }
    }
    try {
      readEverythingOnce();
      awaitTheLastFrames();
    } catch (Throwable e) {
      mismatches.add("the last reads and frames could not be had: " + e);
    }
    System.out.printf("Access matrix: %d rows (%d routes, %d commands), %d cells (%d REST, %d WebSocket) driven in %d ms; "
        + "%d allowed cells answered 409 for the state of things; %d mismatches%n", AccessMatrix.rows().size(),
        AccessMatrix.byKey(Channel.REST).size(), AccessMatrix.byKey(Channel.WS).size(), cells, cellsOf(Channel.REST),
        cellsOf(Channel.WS), millis, stateRefusals, mismatches.size());
  }

  private static int cellsOf(Channel channel) {
    return AccessMatrix.byKey(channel).values().stream().mapToInt(Row::cells).sum();
  }

  private static void check(Row row, Persona p, Where w, MatrixDrivers.Driver driver) {
    String cell = row.key() + " as " + p + (w == Where.ANYWHERE ? "" : " in " + w);
    Expect expected = row.expect(p, w);
    Answer got;
    try {
      got = driver.ask(p, w);
    } catch (Throwable e) {
      WsClient socket = calls.socket(p);
      mismatches.add(cell + ": the cell could not be asked: " + e
          + (socket != null && socket.isClosed() ? " (the server closed the socket: " + socket.closeReason() + ")" : ""));
      return;
    }
    boolean matches = expected.allowed() ? got.allowed()
        : !got.allowed() && Objects.equals(expected.code(), got.code()) && (expected.status() == 0 || expected.status() == got.status());
    if (!matches) {
      mismatches.add(cell + ": expected " + expected + ", got " + got);
    } else if (got.stateRefusal()) {
      stateRefusals++;
      System.out.println("allowed, refused for the state of things: " + cell + ": " + got);
    }
  }

  /**
   * Each signed-in persona's socket subscribes to every room it lists, the matrix's rooms and the
   * Modification's room, whose followers (everyone who may) they become.
   */
  private static void listenEverywhere() {
    for (Persona p : Persona.values()) {
      if (p == Persona.SIGNED_OUT) {
        continue;
      }
      Set<Long> rooms = new LinkedHashSet<>(world.rooms.values());
      rooms.add(world.modificationRoom);
      calls.client(p).get("/api/rooms").json().forEach(r -> rooms.add(r.get("id").asLong()));
      Set<Long> subscribed = new LinkedHashSet<>();
      for (long room : rooms) {
        if (WsClient.type(calls.socket(p).request(MatrixCalls.command("subscribe", "room", room))).equals("subscribed")) {
          subscribed.add(room);
        }
      }
      listening.put(p, subscribed);
      // Followers of the Modification's room are told of its new threads and decisions.
      calls.client(p).put("/api/rooms/" + world.modificationRoom + "/follow", Map.of("following", true));
    }
  }

  /** The reads that span places (search, notifications, actions, lists) once more, now that everything is planted. */
  private static void readEverythingOnce() {
    for (Persona p : Persona.values()) {
      for (String path : List.of("/api/search?q=MARKER&limit=100", "/api/notifications?limit=200", "/api/actions?q=MARKER",
          "/api/meetings", "/api/rooms", "/api/modifications/" + MatrixWorld.MODIFICATION + "/register")) {
        calls.get(p, path);
      }
      if (p != Persona.SIGNED_OUT) {
        calls.ws(p, MatrixCalls.command("search", "query", "MARKER", "limit", 100));
      }
    }
  }

  /** A last post in each matrix room and the Modification's room; once every listener has it, nothing earlier is in flight. */
  private static void awaitTheLastFrames() {
    Set<Long> rooms = new LinkedHashSet<>(world.rooms.values());
    rooms.add(world.modificationRoom);
    for (long room : rooms) {
      calls.socket(Persona.VOTER).post(room, "Matrix barrier " + room);
    }
    listening.forEach((p, subscribed) -> {
      for (long room : rooms) {
        if (subscribed.contains(room)) {
          String last = "Matrix barrier " + room;
          calls.socket(p).await(f -> last.equals(f.path("body").asText()));
        }
      }
    });
  }

  @AfterAll
  static void closeSockets() {
    if (calls != null) {
      calls.close();
    }
  }

  @Test
  void everyMountedRouteAndEveryHandledCommandHasARowAndEveryRowIsServedAndDriven() {
    Set<String> mounted = new TreeSet<>(FeaturesProbe.routeTable(server.server()));
    Set<String> restRows = AccessMatrix.byKey(Channel.REST).keySet();
    assertThat(difference(mounted, restRows)).as("routes the router mounts without a row in AccessMatrix").isEmpty();
    assertThat(difference(restRows, mounted)).as("rows in AccessMatrix for routes the router does not mount").isEmpty();

    Set<String> handled = new TreeSet<>();
    server.server().features().commands().handled().forEach(c -> handled.add(wireName(c)));
    Set<String> wsRows = AccessMatrix.byKey(Channel.WS).keySet();
    assertThat(difference(handled, wsRows)).as("commands the dispatcher handles without a row in AccessMatrix").isEmpty();
    assertThat(difference(wsRows, handled)).as("rows in AccessMatrix for commands the dispatcher does not handle").isEmpty();

    Set<String> rowKeys = new TreeSet<>();
    AccessMatrix.rows().forEach(r -> rowKeys.add(r.key()));
    assertThat(difference(rowKeys, drivers.keySet())).as("rows no cell was driven for").isEmpty();
    assertThat(cells).isEqualTo(AccessMatrix.cells());
  }

  @Test
  void everyCellIsAllowedOrRefusedExactlyAsTheMatrixSays() {
    assertThat(mismatches).as("cells that did not answer as the matrix says, of " + cells).isEmpty();
  }

  @Test
  void noPersonaIsSentAMarkerFromAPlaceItMayNotRead() {
    Map<String, String> leaks = new LinkedHashMap<>();
    for (Seen s : calls.everythingSeen(world.redactedMessage)) {
      Map<String, Set<Persona>> secrets = new LinkedHashMap<>(world.secrets);
      if (s.afterRedaction()) {
        secrets.put(world.redactedMarker, AccessMatrix.SECAS);
      }
      for (Map.Entry<String, Set<Persona>> secret : secrets.entrySet()) {
        int at = s.text().indexOf(secret.getKey());
        if (at >= 0 && !secret.getValue().contains(s.persona())) {
          String where = s.persona() + " was sent " + secret.getKey().replaceFirst("-[0-9a-f]+$", "") + " in " + s.source();
          leaks.putIfAbsent(where, s.text().substring(Math.max(0, at - 120), Math.min(s.text().length(), at + 80)));
        }
      }
    }
    List<String> report = new ArrayList<>();
    leaks.forEach((where, excerpt) -> report.add(where + ": ..." + excerpt + "..."));
    assertThat(report).as("markers sent to personas who may not read where they were planted").isEmpty();
  }

  @Test
  void noPersonasSocketReceivesAnythingOfARoomItMayNotRead() {
    Map<Long, Where> places = new HashMap<>();
    world.rooms.forEach((w, id) -> places.put(id, w));
    Set<String> report = new TreeSet<>();
    for (Seen s : calls.everythingSeen(world.redactedMessage)) {
      Where w = places.get(s.frameRoom());
      if (w != null && !AccessMatrix.mayRead(s.persona(), w)) {
        report.add(s.persona() + " received " + s.source().substring(6) + " of the " + w + " room");
      }
    }
    assertThat(report).as("frames of rooms their receivers may not read").isEmpty();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static String wireName(Class<?> type) {
    for (JsonSubTypes.Type t : ClientCommand.class.getAnnotation(JsonSubTypes.class).value()) {
      if (t.value() == type) {
        return t.name();
      }
    }
    throw new AssertionError(type + " has no wire name");
  }
}
