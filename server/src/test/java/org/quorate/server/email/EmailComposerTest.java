package org.quorate.server.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.server.email.EmailComposer.Told;
import org.quorate.server.email.EmailStore.Item;
import org.quorate.server.rooms.Classification;
import org.quorate.server.rooms.Room;

class EmailComposerTest {
  static final String BASE = "https://quorate.example.org";
  static final String UNSUBSCRIBE = BASE + "/api/email/unsubscribe?user=7&sig=x";
  final EmailComposer composer = new EmailComposer(BASE);

  static Room room(long id, String name, Classification c) {
    return new Room(id, "adhoc", name, c, null, null, 0);
  }

  static Item item(String kind, long room, Long message, String from, String excerpt) {
    return new Item(1, kind, room, message, from, excerpt, OffsetDateTime.now());
  }

  @Test
  void whiteAndGreenContentIsNamedAndQuotedAndAmberAndRedSayOnlyThatSomethingHappened() {
    for (Classification c : Classification.values()) {
      var email = composer.immediate(new Told(item("mention", 3, 44L, "Alice", "the secret plan"), room(3, "Plans", c)), UNSUBSCRIBE);
      boolean leaves = c == Classification.WHITE || c == Classification.GREEN;
      assertThat(email.subject().contains("Plans")).as(c + " subject").isEqualTo(leaves);
      assertThat(email.text().contains("the secret plan")).as(c + " text").isEqualTo(leaves);
      assertThat(email.text().contains("Alice")).as(c + " sender").isEqualTo(leaves);
      assertThat(email.text()).contains(BASE + "/#/rooms/3/thread/44").contains(UNSUBSCRIBE);
    }
  }

  @Test
  void aProxysChoiceIsNeverQuotedEvenFromAGreenRoom() {
    var email = composer.immediate(new Told(item("proxy_voted", 3, 9L, "Kate", "Kate voted approve for you on MP210"),
        room(3, "Plans", Classification.GREEN)), UNSUBSCRIBE);
    assertThat(email.text()).doesNotContain("approve");
    assertThat(email.text()).contains(BASE + "/#/rooms/3\n");
  }

  @Test
  void theDigestGroupsByRoomAndCountsAmberUpdatesWithoutTheirText() {
    Room green = room(1, "Metering", Classification.GREEN);
    Room red = room(2, "Incidents", Classification.RED);
    var email = composer.digest(List.of(new Told(item("new_thread", 1, 5L, "Ada", "Publish read rates"), green),
        new Told(item("new_thread", 2, 6L, "Ada", "Breach details"), red),
        new Told(item("mention", 2, 7L, "Ada", "More breach details"), red)), UNSUBSCRIBE);
    assertThat(email.subject()).isEqualTo("[Quorate] Your daily digest: 3 updates in 2 rooms");
    assertThat(email.text()).contains("Metering (" + BASE + "/#/rooms/1)\n- Ada started a thread: Publish read rates")
        .contains("2 updates in a room whose content stays in Quorate: " + BASE + "/#/rooms/2")
        .doesNotContain("Breach").doesNotContain("Incidents");
  }
}
