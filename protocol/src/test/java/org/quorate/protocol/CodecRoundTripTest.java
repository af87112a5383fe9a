package org.quorate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

  @Test
  void aRoomEventEncodesWithItsTypeFirstAndDecodesBack() {
    RoomEvent e = new RoomEvent.MessagePosted(3, 7, 11, new UserRef(1, "Alice"), null, null, List.of(),
        Instant.parse("2026-11-29T10:00:00Z"), true);
    String json = ProtocolCodec.encode(e);
    assertThat(json).startsWith("{\"type\":\"message_posted\"");
    assertThat(ProtocolCodec.decodeEvent(json)).isEqualTo(e);
  }

  @Test
  void aHistoryPageCarriesTypedRoomEvents() {
    RoomEvent e = new RoomEvent.SystemNotice(3, 1, "stage_changed", "MP210 moved to Refinement", Instant.parse("2026-11-29T10:00:00Z"));
    ServerEvent page = new ServerEvent.History("h1", 3, List.of(e), false);
    assertThat(ProtocolCodec.decodeEvent(ProtocolCodec.encode(page))).isEqualTo(page);
  }

  @Test
  void keyOrderDoesNotMatterAsStoredJsonbReordersKeys() {
    String json = "{\"body\": null, \"room\": 3, \"seq\": 7, \"author\": {\"id\": 1, \"display_name\": \"Alice\"}, "
        + "\"deleted\": true, \"mentions\": [], \"created_at\": \"2026-11-29T10:00:00Z\", \"message_id\": 11, "
        + "\"thread_root\": null, \"type\": \"message_posted\"}";
    assertThat(ProtocolCodec.decodeEvent(json)).isInstanceOf(RoomEvent.MessagePosted.class);
  }

  @Test
  void anUnknownTypeIsNamedInTheViolation() {
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"launch_missiles\",\"id\":\"x\"}"))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("launch_missiles");
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"post_message\",\"id\":\"x\",\"room\":1}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("body"));
  }
}
