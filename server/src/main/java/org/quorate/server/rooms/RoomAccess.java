package org.quorate.server.rooms;

import org.quorate.server.auth.Principal;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;

/**
 * Who may do what in a room, as one pure function of the user, the room and membership. Every
 * subscribe, read, write and REST call goes through here.
 */
public final class RoomAccess {
  private RoomAccess() {}

  /** A user's standing in one room. */
  public record Standing(boolean member, boolean roomModerator) {}

  public static boolean canRead(Principal user, Room room, Standing standing) {
    if (room.isDirect()) {
      // Bilateral conversations between Parties are private to their participants, SECAS included.
      return standing.member();
    }
    if (standing.member() || user.isSecas()) {
      return true;
    }
    return switch (room.classification()) {
      case WHITE -> true;
      case GREEN -> user.partyId() != null;
      case AMBER, RED -> false;
    };
  }

  /** Observers only read; in White and Green rooms any reader with a Party or a seat may post. */
  public static boolean canPost(Principal user, Room room, Standing standing) {
    if (!canRead(user, room, standing)) {
      return false;
    }
    if (standing.member() || user.isSecas()) {
      return true;
    }
    boolean onlyObserver = user.roles().stream().allMatch(r -> r == Role.OBSERVER);
    return !onlyObserver && user.partyId() != null;
  }

  public static boolean canModerate(Principal user, Room room, Standing standing) {
    if (room.isDirect()) {
      return false;
    }
    return user.isSecas() || standing.roomModerator();
  }

  public static boolean canExport(Principal user, Room room, Standing standing) {
    return room.classification() != Classification.RED && canRead(user, room, standing);
  }

  public static void requireRead(Principal user, Room room, Standing standing) {
    if (!canRead(user, room, standing)) {
      throw DomainException.notAuthorised("you may not read room " + room.id());
    }
  }

  public static void requirePost(Principal user, Room room, Standing standing) {
    if (!canPost(user, room, standing)) {
      throw DomainException.notAuthorised("you may not post in room " + room.id());
    }
  }

  public static void requireModerate(Principal user, Room room, Standing standing) {
    if (!canModerate(user, room, standing)) {
      throw DomainException.notAuthorised("only a moderator may do this in room " + room.id());
    }
  }
}
