package org.quorate.server.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.server.email.EmailStore.Item;
import org.quorate.server.rooms.Classification;
import org.quorate.server.rooms.Room;

/**
 * Writes the text of an email from notifications the recipient may read now. The room's
 * classification decides what may leave Quorate: White and Green rooms are named and quoted; of an
 * Amber or Red room the email says only that something happened, with a link — no room name, no
 * sender, no excerpt.
 */
final class EmailComposer {
  /** Kinds whose excerpt is meant for the recipient and carries no voter's choice. */
  private static final Set<String> QUOTABLE = Set.of("mention", "new_thread", "ballot_needed", "ballot_reminder",
      "chair_ruling", "decision_opened", "decision_closed", "action_assigned");
  private static final Set<String> MESSAGE_KINDS = Set.of("mention", "new_thread");

  record Email(String subject, String text) {}

  /** A notification and the room it concerns (already checked readable by the recipient). */
  record Told(Item item, Room room) {}

  private final String baseUrl;

  EmailComposer(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  static boolean leavesQuorate(Classification c) {
    return c == Classification.WHITE || c == Classification.GREEN;
  }

  Email immediate(Told told, String unsubscribeUrl) {
    Item item = told.item();
    StringBuilder text = new StringBuilder();
    String subject;
    if (leavesQuorate(told.room().classification())) {
      subject = "[Quorate] " + headline(item) + " in " + told.room().name();
      text.append(headline(item)).append(" in ").append(told.room().name()).append(".\n\n");
      if (QUOTABLE.contains(item.kind()) && item.excerpt() != null && !item.excerpt().isBlank()) {
        text.append(quote(item.excerpt())).append("\n\n");
      }
    } else {
      subject = "[Quorate] " + capitalised(what(item.kind())) + " for you";
      text.append("Something that concerns you happened in Quorate (").append(what(item.kind()))
          .append("). Its room's content stays in Quorate: sign in to read it.\n\n");
    }
    text.append("Open it: ").append(link(item)).append("\n");
    return new Email(subject, text.append(footer(unsubscribeUrl, "each notification as it happens")).toString());
  }

  Email digest(List<Told> told, String unsubscribeUrl) {
    Map<Room, List<Item>> byRoom = new LinkedHashMap<>();
    told.forEach(t -> byRoom.computeIfAbsent(t.room(), r -> new ArrayList<>()).add(t.item()));
    StringBuilder text = new StringBuilder("What happened in Quorate since your last digest.\n");
    for (Map.Entry<Room, List<Item>> e : byRoom.entrySet()) {
      Room room = e.getKey();
      List<Item> items = e.getValue();
      if (!leavesQuorate(room.classification())) {
        text.append("\n").append(count(items.size(), "update")).append(" in a room whose content stays in Quorate: ")
            .append(baseUrl).append("/#/rooms/").append(room.id()).append("\n");
        continue;
      }
      text.append("\n").append(room.name()).append(" (").append(baseUrl).append("/#/rooms/").append(room.id()).append(")\n");
      for (Item item : items) {
        text.append("- ").append(headline(item));
        if (QUOTABLE.contains(item.kind()) && item.excerpt() != null && !item.excerpt().isBlank()) {
          text.append(": ").append(oneLine(item.excerpt()));
        }
        text.append("\n");
      }
    }
    String subject = "[Quorate] Your daily digest: " + count(told.size(), "update") + " in " + count(byRoom.size(), "room");
    return new Email(subject, text.append(footer(unsubscribeUrl, "a daily digest")).toString());
  }

  String link(Item item) {
    return baseUrl + "/#/rooms/" + item.roomId()
        + (MESSAGE_KINDS.contains(item.kind()) && item.messageId() != null ? "/thread/" + item.messageId() : "");
  }

  private String footer(String unsubscribeUrl, String choice) {
    return "\n--\nYou chose " + choice + " in Quorate. Change it: " + baseUrl + "/#/settings/email\n"
        + "Stop all email from Quorate: " + unsubscribeUrl + "\n";
  }

  private static String headline(Item item) {
    String who = item.fromName() == null ? "Quorate" : item.fromName();
    return switch (item.kind()) {
      case "mention" -> who + " mentioned you";
      case "new_thread" -> who + " started a thread";
      case "ballot_needed" -> "A decision needs your ballot";
      case "ballot_reminder" -> "Reminder: a decision closes soon and you have not voted";
      case "chair_ruling" -> "The chair made a ruling that concerns you";
      case "decision_opened" -> who + " opened a decision";
      case "decision_closed" -> "A decision closed";
      case "action_assigned" -> who + " assigned you an action";
      default -> capitalised(what(item.kind()));
    };
  }

  private static String what(String kind) {
    return switch (kind) {
      case "mention" -> "a mention";
      case "new_thread" -> "a new thread";
      case "ballot_needed" -> "a decision that needs your ballot";
      case "ballot_reminder" -> "a closing reminder";
      case "chair_ruling" -> "a chair's ruling";
      default -> "a notification";
    };
  }

  private static String quote(String s) {
    return "> " + s.replace("\r", "").replace("\n", "\n> ");
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
