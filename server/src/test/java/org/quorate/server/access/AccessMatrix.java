package org.quorate.server.access;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may use every REST route and every WebSocket command, and where: one row per route (method
 * and path pattern) and per command type, stating for each persona and each place (a room of each
 * classification, a direct conversation, or nowhere in particular) whether the call is allowed or
 * refused. Written by hand from the documented rules — {@code RoomAccess}'s contract, the README's
 * "who may do what", the descriptions in {@code openapi.yaml} and {@code asyncapi.yaml} — and never
 * derived from the code under test. {@code AccessMatrixIT} holds the rows to the routes the router
 * mounts and the commands the dispatcher handles (a new route or command without a row fails the
 * build), then drives every cell against a real server.
 *
 * <p>A refusal is the documented one: over REST {@code 401 not_authenticated} when signed out and
 * {@code 403 not_authorised} otherwise; over the WebSocket an {@code error} with the same codes. A
 * row may name another code where the documents do ({@code typing} outside a subscribed room is
 * {@code invalid}).
 */
public final class AccessMatrix {
  private AccessMatrix() {}

  /** The people the matrix asks about; the demo user who plays each (the colleague is created by the test). */
  public enum Persona {
    ADMIN("admin"),
    /** A SECAS moderator who chairs none of the matrix's bodies. */
    MODERATOR("secas"),
    /** The chair of the matrix's body, a moderator of its rooms, without a Party. */
    CHAIR("chair"),
    /** Holds a voting seat on the body; a member of every matrix room and of the direct conversation. */
    VOTER("kate"),
    /** Holds a non-voting seat (Consumer Member, no Party); a member of every matrix room and of the direct conversation. */
    NON_VOTER("connie"),
    /** A user of the voter's Party with no seat, no room membership and no representative role. */
    COLLEAGUE("kit"),
    /** A user of another Party, in no matrix room. */
    OTHER_PARTY("alice"),
    OBSERVER("observer"),
    SIGNED_OUT(null);

    public final String username;

    Persona(String username) {
      this.username = username;
    }
  }

  /** Where a cell is asked: a room of each classification (with its decision), a direct conversation, or anywhere. */
  public enum Where { WHITE, GREEN, AMBER, RED, DM, ANYWHERE }

  /**
   * What a row's path or command is about, which decides the places it is asked in. Meetings run in
   * a body's room, and a body's room is Amber, so a meeting is asked about in Amber only; decisions
   * are not opened in direct conversations (SECAS cannot read them).
   */
  public enum Scope {
    GLOBAL(EnumSet.of(Where.ANYWHERE)),
    ROOM(EnumSet.of(Where.WHITE, Where.GREEN, Where.AMBER, Where.RED, Where.DM)),
    DECISION(EnumSet.of(Where.WHITE, Where.GREEN, Where.AMBER, Where.RED)),
    MEETING(EnumSet.of(Where.AMBER));

    public final Set<Where> places;

    Scope(Set<Where> places) {
      this.places = places;
    }
  }

  public enum Channel { REST, WS }

  /** The expected answer of one cell: allowed, or refused with an HTTP status (REST) and an error code. */
  public record Expect(boolean allowed, int status, String code) {
    static final Expect ALLOWED = new Expect(true, 0, null);

    @Override
    public String toString() {
      return allowed ? "allowed" : "refused " + (status == 0 ? "" : status + " ") + code;
    }
  }

  /** Who may, per place. */
  @FunctionalInterface
  public interface Who {
    boolean may(Persona p, Where w);
  }

  /** One route or command type. {@code refusal} is the error code a signed-in persona who may not gets. */
  public record Row(Channel channel, String key, Scope scope, Who who, String refusal) {
    public Expect expect(Persona p, Where w) {
      if (who.may(p, w)) {
        return Expect.ALLOWED;
      }
      if (p == Persona.SIGNED_OUT) {
        return new Expect(false, channel == Channel.REST ? 401 : 0, "not_authenticated");
      }
      return new Expect(false, channel == Channel.REST ? 403 : 0, refusal);
    }

    public int cells() {
      return Persona.values().length * scope.places.size();
    }
  }

  // ---- the rules, as written down -------------------------------------------------------------

  static final Set<Persona> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Persona.SIGNED_OUT));
  static final Set<Persona> SECAS = EnumSet.of(Persona.ADMIN, Persona.MODERATOR);

  /**
   * Who may read each room (RoomAccess's contract): White any signed-in user; Green users of any
   * Party, the room's members and SECAS; Amber and Red the room's members and SECAS; a direct
   * conversation its participants only, SECAS included.
   */
  static final Map<Where, Set<Persona>> READERS = places(
      SIGNED_IN,
      EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER, Persona.NON_VOTER, Persona.COLLEAGUE,
          Persona.OTHER_PARTY),
      EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER, Persona.NON_VOTER),
      EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER, Persona.NON_VOTER),
      EnumSet.of(Persona.VOTER, Persona.NON_VOTER));

  /** Who may post: the readers, except that a non-member without a Party (the observer) only reads. */
  static final Map<Where, Set<Persona>> POSTERS = places(
      EnumSet.complementOf(EnumSet.of(Persona.SIGNED_OUT, Persona.OBSERVER)),
      READERS.get(Where.GREEN), READERS.get(Where.AMBER), READERS.get(Where.RED), READERS.get(Where.DM));

  /** Who moderates (redacts others' messages, pins, changes membership): SECAS and the room's moderators; nobody in a direct conversation. */
  static final Map<Where, Set<Persona>> MODERATORS = places(
      EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR), EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR),
      EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR), EnumSet.of(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR),
      EnumSet.noneOf(Persona.class));

  private static Map<Where, Set<Persona>> places(Set<Persona> white, Set<Persona> green, Set<Persona> amber, Set<Persona> red,
      Set<Persona> dm) {
    Map<Where, Set<Persona>> m = new EnumMap<>(Where.class);
    m.put(Where.WHITE, white);
    m.put(Where.GREEN, green);
    m.put(Where.AMBER, amber);
    m.put(Where.RED, red);
    m.put(Where.DM, dm);
    return m;
  }

  static Who everyone() {
    return (p, w) -> true;
  }

  static Who signedIn() {
    return (p, w) -> p != Persona.SIGNED_OUT;
  }

  static Who only(Persona first, Persona... rest) {
    Set<Persona> set = EnumSet.of(first, rest);
    return (p, w) -> set.contains(p);
  }

  static Who in(Map<Where, Set<Persona>> byPlace) {
    return (p, w) -> byPlace.get(w).contains(p);
  }

  static Who in(Map<Where, Set<Persona>> byPlace, Persona also) {
    return (p, w) -> p == also || byPlace.get(w).contains(p);
  }

  // ---- the rows --------------------------------------------------------------------------------

  private static final List<Row> ROWS = new ArrayList<>();

  private static void rest(String key, Scope scope, Who who) {
    ROWS.add(new Row(Channel.REST, key, scope, who, "not_authorised"));
  }

  private static void ws(String type, Scope scope, Who who) {
    ROWS.add(new Row(Channel.WS, type, scope, who, "not_authorised"));
  }

  static {
    Scope global = Scope.GLOBAL;
    Scope room = Scope.ROOM;
    Scope decision = Scope.DECISION;
    Scope meeting = Scope.MEETING;
    Who organisers = only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR);
    Who mayTakeChair = only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR);
    Who actingChair = only(Persona.CHAIR);
    Who bodyReaders = (p, w) -> READERS.get(Where.AMBER).contains(p);
    Who notObserver = only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER, Persona.NON_VOTER, Persona.COLLEAGUE,
        Persona.OTHER_PARTY);

    // Operations and sign-in: public.
    rest("GET /health", global, everyone());
    rest("GET /metrics", global, everyone());
    rest("GET /openapi.yaml", global, everyone());
    rest("GET /asyncapi.yaml", global, everyone());
    rest("POST /api/login", global, everyone());
    rest("POST /api/logout", global, signedIn());
    rest("GET /api/me", global, signedIn());
    rest("PUT /api/me/password", global, signedIn());
    // Calendar feeds: each signed-in user manages their own addresses; a feed itself needs no token
    // (its secret address is the credential), and what it lists is checked against the feed's owner.
    rest("GET /api/calendar-feeds", global, signedIn());
    rest("POST /api/calendar-feeds", global, signedIn());
    rest("DELETE /api/calendar-feeds/{id}", global, signedIn());
    rest("GET /api/calendar/{token}", global, everyone());

    // Registry: any signed-in user reads it; administrators change Parties, users and bodies;
    // administrators and SECAS moderators raise and move Modifications.
    rest("GET /api/party-categories", global, signedIn());
    rest("GET /api/voting-groups", global, signedIn());
    rest("GET /api/parties", global, signedIn());
    rest("POST /api/parties", global, only(Persona.ADMIN));
    rest("POST /api/parties/import", global, only(Persona.ADMIN));
    rest("GET /api/parties/{id}", global, signedIn());
    rest("PUT /api/parties/{id}", global, only(Persona.ADMIN));
    rest("GET /api/users", global, signedIn());
    rest("POST /api/users", global, only(Persona.ADMIN));
    rest("GET /api/users/{id}", global, signedIn());
    rest("PUT /api/users/{id}", global, only(Persona.ADMIN));
    rest("GET /api/rules", global, signedIn());
    rest("GET /api/bodies", global, signedIn());
    rest("POST /api/bodies", global, only(Persona.ADMIN));
    rest("GET /api/bodies/{id}", global, signedIn());
    rest("PUT /api/bodies/{id}", global, only(Persona.ADMIN));
    rest("POST /api/bodies/{id}/members", global, only(Persona.ADMIN));
    rest("DELETE /api/bodies/{id}/members/{userId}", global, only(Persona.ADMIN));
    rest("GET /api/modifications", global, signedIn());
    rest("POST /api/modifications", global, (p, w) -> SECAS.contains(p));
    rest("GET /api/modifications/{id}", global, signedIn());
    rest("PUT /api/modifications/{id}", global, (p, w) -> SECAS.contains(p));
    rest("POST /api/modifications/{id}/stage", global, (p, w) -> SECAS.contains(p));
    // The register is for any signed-in user; what it may show is checked by the markers.
    rest("GET /api/modifications/{id}/register", global, signedIn());
    rest("GET /api/modifications/{id}/register.csv", global, signedIn());
    rest("PUT /api/modifications/{id}/track", global, (p, w) -> SECAS.contains(p));
    // Proxies on the voter's seat: the member, their Party's users, or SECAS appoint; the member,
    // whoever appointed it, or SECAS revoke (the matrix's appointments are made by the administrator).
    // A body's proxies are listed to those who may read its room; a seat's proxy is appointed by the
    // member, their Party's representative or SECAS (a colleague without the role may not).
    rest("GET /api/bodies/{id}/proxies", global, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER, Persona.NON_VOTER));
    rest("POST /api/bodies/{id}/proxies", global, only(Persona.ADMIN, Persona.MODERATOR, Persona.VOTER));
    rest("DELETE /api/proxies/{id}", global, only(Persona.ADMIN, Persona.MODERATOR, Persona.VOTER));

    // Rooms.
    rest("GET /api/rooms", global, signedIn());
    rest("POST /api/rooms", global, (p, w) -> SECAS.contains(p));
    rest("POST /api/rooms/direct", global, notObserver);
    rest("GET /api/rooms/{id}", room, in(READERS));
    rest("GET /api/rooms/{id}/events", room, in(READERS));
    rest("GET /api/rooms/{id}/threads", room, in(READERS));
    rest("GET /api/rooms/{id}/messages/{messageId}", room, in(READERS));
    rest("PUT /api/rooms/{id}/members/{userId}", room, in(MODERATORS));
    rest("DELETE /api/rooms/{id}/members/{userId}", room, in(MODERATORS));
    rest("PUT /api/rooms/{id}/follow", room, in(READERS));
    rest("POST /api/rooms/{id}/read", room, in(READERS));
    rest("GET /api/rooms/{id}/decisions", room, in(READERS));
    rest("GET /api/search", room, in(READERS));
    rest("GET /api/notifications", global, signedIn());
    rest("POST /api/notifications/read", global, signedIn());
    // Email: each user's own preference; the unsubscribe link carries its own proof (an HMAC for
    // one user), so whoever holds it may use it, signed in or not.
    rest("GET /api/me/email", global, signedIn());
    rest("PUT /api/me/email", global, signedIn());
    rest("GET /api/email/unsubscribe", global, everyone());
    rest("POST /api/email/unsubscribe", global, everyone());

    // Decisions: SECAS moderators open and change them; voting seats cast and withdraw their own
    // ballots; the member, SECAS or the body's chair record a recusal (here: of another voter);
    // the body's chair gives a casting vote; anyone who may read the room reads them.
    rest("POST /api/decisions", decision, (p, w) -> SECAS.contains(p));
    rest("GET /api/decisions/{id}", decision, in(READERS));
    rest("POST /api/decisions/{id}/ballots", decision, only(Persona.VOTER));
    rest("POST /api/decisions/{id}/withdrawals", decision, only(Persona.VOTER));
    rest("POST /api/decisions/{id}/changes", decision, (p, w) -> SECAS.contains(p));
    rest("POST /api/decisions/{id}/recusals", decision, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR));
    rest("POST /api/decisions/{id}/casting-vote", decision, only(Persona.CHAIR));
    // The ledger: a decision's archive as its view; a ballot's receipt checked by its voter or the room's readers.
    rest("GET /api/decisions/{id}/archive", decision, in(READERS));
    rest("GET /api/ledger/receipts/{hash}", decision, in(READERS, Persona.VOTER));

    // Meetings run in the body's (Amber) room.
    rest("GET /api/meetings", global, signedIn());
    rest("POST /api/meetings", global, organisers);
    rest("GET /api/meetings/{id}", meeting, bodyReaders);
    rest("PUT /api/meetings/{id}", meeting, organisers);
    rest("DELETE /api/meetings/{id}", meeting, organisers);
    rest("POST /api/meetings/{id}/agenda", meeting, organisers);
    rest("PUT /api/meetings/{id}/agenda/{itemId}", meeting, organisers);
    rest("DELETE /api/meetings/{id}/agenda/{itemId}", meeting, organisers);
    rest("GET /api/meetings/{id}/papers", meeting, bodyReaders);
    rest("POST /api/meetings/{id}/papers", meeting, organisers);
    // Paper files: the organisers upload them and their versions; whoever may read the body's room downloads them.
    rest("POST /api/meetings/{id}/papers/files", meeting, organisers);
    rest("POST /api/meetings/{id}/papers/{paperId}/versions", meeting, organisers);
    rest("GET /api/meetings/{id}/papers/{paperId}/file", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/papers/{paperId}/versions/{version}/file", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/attendance", meeting, bodyReaders);
    // Delegates for the voter's seat: the member, their Party's representative, anyone who may chair, SECAS.
    rest("POST /api/meetings/{id}/delegates", meeting, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER));
    rest("DELETE /api/meetings/{id}/delegates/{userId}", meeting, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER));
    rest("PUT /api/meetings/{id}/roles/{userId}", meeting, organisers);
    rest("DELETE /api/meetings/{id}/roles/{userId}/{role}", meeting, organisers);
    rest("GET /api/meetings/{id}/rulings", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/questions", meeting, bodyReaders);
    // "Empty for a meeting the user may not read": answered to everyone, checked by the markers.
    rest("GET /api/meetings/{id}/actions", meeting, signedIn());
    rest("GET /api/meetings/{id}/minutes", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/minutes.md", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/minutes.html", meeting, bodyReaders);
    rest("GET /api/meetings/{id}/minutes/generated", meeting, bodyReaders);
    rest("PUT /api/meetings/{id}/minutes", meeting, mayTakeChair);
    rest("POST /api/meetings/{id}/minutes/publish", meeting, mayTakeChair);
    rest("GET /api/actions", global, signedIn());
    // An action owned by the voter: its owner and anyone who may read its meeting's room read it;
    // its owner, the meeting's chairs and SECAS set its status.
    rest("GET /api/actions/{id}", meeting, bodyReaders);
    rest("PUT /api/actions/{id}", meeting, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER));

    // WebSocket: connection and rooms.
    ws("authenticate", global, signedIn());
    ws("subscribe", room, in(READERS));
    ws("unsubscribe", room, signedIn());
    ws("post_message", room, in(POSTERS));
    ws("edit_message", room, in(POSTERS));
    ws("delete_message", room, in(MODERATORS));
    ws("pin_message", room, in(MODERATORS));
    ROWS.add(new Row(Channel.WS, "typing", room, in(READERS), "invalid"));
    ws("mark_read", room, in(READERS));
    ws("fetch_history", room, in(READERS));
    ws("search", room, in(READERS));
    ws("follow", room, in(READERS));

    // WebSocket: decisions, as over REST.
    ws("open_decision", decision, (p, w) -> SECAS.contains(p));
    ws("cast_ballot", decision, only(Persona.VOTER));
    ws("withdraw_ballot", decision, only(Persona.VOTER));
    ws("change_decision", decision, (p, w) -> SECAS.contains(p));
    ws("recuse", decision, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR));
    ws("casting_vote", decision, only(Persona.CHAIR));

    // WebSocket: the live meeting, whose acting chair is the body's chair.
    ws("join_meeting", meeting, bodyReaders);
    ws("leave_meeting", meeting, bodyReaders);
    ws("mark_attendance", meeting, actingChair);
    ws("set_meeting_state", meeting, actingChair);
    ws("move_agenda", meeting, actingChair);
    ws("raise_hand", meeting, bodyReaders);
    ws("lower_hand", meeting, bodyReaders);
    ws("give_floor", meeting, actingChair);
    ws("take_floor_back", meeting, actingChair);
    ws("reorder_queue", meeting, actingChair);
    ws("mute_participant", meeting, actingChair);
    ws("remove_participant", meeting, actingChair);
    ws("lock_meeting_room", meeting, actingChair);
    // The acting chair hands over; anyone who may take the chair takes it for themselves (the cell's `to`).
    ws("hand_over_chair", meeting, mayTakeChair);
    ws("call_meeting_vote", meeting, actingChair);
    ws("cast_meeting_ballot", meeting, only(Persona.VOTER));
    ws("close_meeting_vote", meeting, actingChair);
    ws("record_decision", meeting, actingChair);
    ws("record_action", meeting, actingChair);
    ws("update_action", meeting, only(Persona.ADMIN, Persona.MODERATOR, Persona.CHAIR, Persona.VOTER));
    ws("submit_question", meeting, bodyReaders);
    ws("upvote_question", meeting, bodyReaders);
    ws("take_question", meeting, actingChair);
  }

  /** Every row, REST first, in the order the test drives them. */
  public static List<Row> rows() {
    return List.copyOf(ROWS);
  }

  /** Row keys by channel: {@code "GET /api/rooms/{id}"} for REST, the wire type for WebSocket commands. */
  public static Map<String, Row> byKey(Channel channel) {
    Map<String, Row> out = new LinkedHashMap<>();
    ROWS.stream().filter(r -> r.channel() == channel).forEach(r -> out.put(r.key(), r));
    return out;
  }

  /** Where a marker planted in a place may be seen: by that place's readers. Signed-out sees none. */
  public static boolean mayRead(Persona p, Where w) {
    return READERS.get(w).contains(p);
  }

  /**
   * Who may see a sealed decision's ballot before it closes, or ever if it is cancelled: only the
   * voter who cast it. No output to anyone else may depend on it, not even in a White room.
   */
  public static final Set<Persona> SEALED_BALLOT_READERS = EnumSet.of(Persona.VOTER);

  public static int cells() {
    return ROWS.stream().mapToInt(Row::cells).sum();
  }
}
