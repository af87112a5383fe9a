package org.quorate.server.decisions;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.quorate.protocol.DecisionViews;
import org.quorate.protocol.RoomEvent;
import org.quorate.server.auth.Principal;
import org.quorate.server.decisions.DecisionService.DecisionView;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryService;
import org.quorate.server.rooms.RoomEventLog;
import org.quorate.server.rooms.RoomStore;

/**
 * The Modification Register: per Modification, its decision track and every decision with each
 * member's ballot and reason (sealed ballots only after the close), as JSON and as CSV.
 */
public final class ModificationRegister {
  private final Pool pool;
  private final DecisionStore store;
  private final DecisionService decisions;
  private final RegistryService registry;
  private final RoomEventLog log;
  private final RoomStore rooms;
  private final ModificationTrackStore tracks = new ModificationTrackStore();

  public ModificationRegister(Pool pool, DecisionStore store, DecisionService decisions, RegistryService registry, RoomEventLog log,
      RoomStore rooms) {
    this.pool = pool;
    this.store = store;
    this.decisions = decisions;
    this.registry = registry;
    this.log = log;
    this.rooms = rooms;
  }

  public record Track(String track, String reason, long setBy, Instant setAt) {}

  public record Entry(String modificationId, String title, String stage, Track track, List<DecisionView> decisions) {}

  public record TrackInput(String track, String reason) {
    public TrackInput {
      Checks.required(track, "track");
      if (!track.equals("asynchronous") && !track.equals("meeting")) {
        throw DomainException.invalid("track", "must be asynchronous or meeting");
      }
      reason = Checks.text(reason, "reason", 2000);
    }
  }

  /**
   * The register as this reader may see it: only decisions they may read (the decision's own read
   * check, so a decision held in an Amber or Red room stays out), and the track only if they may read
   * the Modification's room, where it was announced.
   */
  public Future<Entry> entry(Principal who, String modificationId) {
    String id = modificationId.toUpperCase();
    return registry.modification(id).compose(m -> trackFor(who, id).compose(track -> store.onModification(pool, id)
        .compose(list -> decisions.readable(who, list))
        .compose(list -> decisions.all(who, list))
        .map(views -> new Entry(m.id(), m.title(), m.stage(), track, views))));
  }

  private Future<Track> trackFor(Principal who, String modificationId) {
    return rooms.roomOfModification(pool, modificationId)
        .compose(roomId -> decisions.rooms().openForRead(who, roomId)).map(true).recover(DecisionService::refusal)
        .compose(may -> may ? tracks.current(pool, modificationId) : Future.succeededFuture(null));
  }

  /** A moderator puts the Modification on a track; Parties see it in the Modification's room. */
  public Future<Entry> setTrack(Principal who, String modificationId, TrackInput in) {
    if (!who.isSecas()) {
      throw DomainException.notAuthorised("only a SECAS moderator sets a decision track");
    }
    String id = modificationId.toUpperCase();
    return registry.modification(id).compose(m -> rooms.roomOfModification(pool, id)).compose(roomId -> log.writeSystem(tx ->
            tracks.set(tx.conn(), id, in.track(), who.userId(), in.reason())
                .compose(v -> tx.append(roomId, seq -> new RoomEvent.SystemNotice(roomId, seq, "decision_track",
                    id + " is on the " + (in.track().equals("asynchronous") ? "low-complexity asynchronous" : "meeting")
                        + " track: " + in.reason(), Instant.now())))
                .map(e -> new RoomEventLog.Outcome(roomId, e.seq(), null, false))))
        .compose(o -> entry(who, id));
  }

  private static final List<String> CSV_HEADER = List.of("decision_id", "item", "body", "question", "kind", "status", "outcome",
      "rules", "closed_at", "voter", "cast_by", "party", "category", "choice", "reason", "objectives", "motion_version", "channel",
      "cast_at", "counted", "note");

  public Future<String> csv(Principal who, String modificationId) {
    return entry(who, modificationId).map(entry -> {
      StringBuilder out = new StringBuilder(String.join(",", CSV_HEADER)).append("\r\n");
      for (DecisionView d : entry.decisions()) {
        List<DecisionViews.Ballot> ballots = d.ballots().isEmpty() ? java.util.Collections.singletonList(null) : d.ballots();
        for (DecisionViews.Ballot b : ballots) {
          List<Object> row = new ArrayList<>(List.of(d.id(), d.item(), d.body(), d.question(), d.kind(), d.status(),
              String.valueOf(d.outcome()), d.rules(), String.valueOf(d.closedAt())));
          if (b == null) {
            row.addAll(java.util.Collections.nCopies(12, ""));
          } else {
            row.addAll(List.of(b.voter().displayName(), b.castBy().displayName(), String.valueOf(b.party()), String.valueOf(b.category()),
                String.valueOf(b.choice()), String.valueOf(b.reason()), String.join(" ", b.objectives()), b.motionVersion(), b.channel(),
                String.valueOf(b.castAt()), b.counted(), String.valueOf(b.note())));
          }
          out.append(String.join(",", row.stream().map(ModificationRegister::cell).toList())).append("\r\n");
        }
      }
      return out.toString();
    });
  }

  /** RFC 4180 quoting, and a leading apostrophe against spreadsheet formula injection. */
  static String cell(Object value) {
    String s = value == null || "null".equals(String.valueOf(value)) ? "" : String.valueOf(value);
    if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
