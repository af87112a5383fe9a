package org.quorate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One canonical example of every meetings message: each decodes to its record and re-encodes identically. */
class MeetingMessagesTest {
  static final List<String> COMMANDS = List.of(
      "{\"type\":\"join_meeting\",\"id\":\"c1\",\"meeting\":7,\"mode\":\"remote\",\"on_behalf_of\":null}",
      "{\"type\":\"leave_meeting\",\"id\":\"c2\",\"meeting\":7}",
      "{\"type\":\"mark_attendance\",\"id\":\"c3\",\"meeting\":7,\"user\":12,\"present\":true,\"mode\":\"in_room\"}",
      "{\"type\":\"set_meeting_state\",\"id\":\"c4\",\"meeting\":7,\"state\":\"adjourned\",\"reason\":\"Inquorate after the break\"}",
      "{\"type\":\"move_agenda\",\"id\":\"c5\",\"meeting\":7,\"item\":31}",
      "{\"type\":\"raise_hand\",\"id\":\"c6\",\"meeting\":7,\"point_of_order\":true}",
      "{\"type\":\"lower_hand\",\"id\":\"c7\",\"meeting\":7}",
      "{\"type\":\"give_floor\",\"id\":\"c8\",\"meeting\":7,\"user\":null,\"speaking_seconds\":120}",
      "{\"type\":\"take_floor_back\",\"id\":\"c9\",\"meeting\":7,\"reason\":\"Speaking time is up\"}",
      "{\"type\":\"reorder_queue\",\"id\":\"c10\",\"meeting\":7,\"user\":12,\"position\":1,\"reason\":\"Gas Networks have not yet been heard\"}",
      "{\"type\":\"mute_participant\",\"id\":\"c11\",\"meeting\":7,\"user\":12,\"muted\":true,\"reason\":\"Repeated interruptions\"}",
      "{\"type\":\"remove_participant\",\"id\":\"c12\",\"meeting\":7,\"user\":12,\"reason\":\"Breach of the meeting's rules\"}",
      "{\"type\":\"lock_meeting_room\",\"id\":\"c13\",\"meeting\":7,\"locked\":true,\"reason\":\"Commercially sensitive item\"}",
      "{\"type\":\"hand_over_chair\",\"id\":\"c14\",\"meeting\":7,\"to\":4,\"reason\":\"Chair conflicted on this item\"}",
      "{\"type\":\"call_meeting_vote\",\"id\":\"c15\",\"meeting\":7,\"item\":31,\"question\":\"Should the Change Board approve MP215?\","
          + "\"options\":[\"approve\",\"reject\",\"abstain\"]}",
      "{\"type\":\"cast_meeting_ballot\",\"id\":\"c16\",\"meeting\":7,\"vote\":3,\"choice\":\"approve\",\"reason\":null}",
      "{\"type\":\"close_meeting_vote\",\"id\":\"c17\",\"meeting\":7,\"vote\":3,\"reason\":null}",
      "{\"type\":\"record_decision\",\"id\":\"c18\",\"meeting\":7,\"text\":\"MP215 approved.\","
          + "\"reason\":\"Better facilitates General SEC Objective (a).\",\"vote\":3}",
      "{\"type\":\"record_action\",\"id\":\"c19\",\"meeting\":7,\"text\":\"Publish the decision on MP215\",\"owner_user\":4,"
          + "\"owner_party\":null,\"due_working_days\":5}",
      "{\"type\":\"update_action\",\"id\":\"c20\",\"action\":9,\"status\":\"done\",\"note\":\"Published on the SEC website\"}",
      "{\"type\":\"submit_question\",\"id\":\"c21\",\"meeting\":7,\"text\":\"Will Affiliates need to re-register?\",\"anonymous\":true}",
      "{\"type\":\"upvote_question\",\"id\":\"c22\",\"meeting\":7,\"question\":5}",
      "{\"type\":\"take_question\",\"id\":\"c23\",\"meeting\":7,\"question\":null}");

  static final String BY = "{\"id\":2,\"display_name\":\"Sam Secretariat (SECAS)\"}";
  static final String KATE = "{\"id\":6,\"display_name\":\"Kate Kestrel\"}";
  static final String AT = "\"at\":\"2030-03-05T10:12:00Z\"";

  static final List<String> EVENTS = List.of(
      "{\"type\":\"meeting_state_changed\",\"room\":3,\"seq\":40,\"meeting_id\":7,\"state\":\"open\",\"by\":" + BY + ",\"reason\":null," + AT + "}",
      "{\"type\":\"agenda_moved\",\"room\":3,\"seq\":41,\"meeting_id\":7,\"item_id\":31,\"position\":1,"
          + "\"title\":\"MP215 Clarifying the Party Category of Affiliates\",\"modification_id\":\"MP215\",\"modification_room\":9,\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"attendance_changed\",\"room\":3,\"seq\":42,\"meeting_id\":7,\"attendee\":{\"id\":21,\"display_name\":\"Bryony Brightwater\"},"
          + "\"present\":true,\"mode\":\"remote\",\"capacity\":\"alternate\",\"on_behalf_of\":{\"id\":7,\"display_name\":\"Bella Brightwater\"},"
          + "\"seat\":\"Small Supplier Representative\",\"by\":{\"id\":21,\"display_name\":\"Bryony Brightwater\"}," + AT + "}",
      "{\"type\":\"quoracy_changed\",\"room\":3,\"seq\":43,\"meeting_id\":7,\"quorate\":true,\"present\":7,\"base\":12,\"required\":7,"
          + "\"explanation\":\"quorate: 7 of 12 voting members present; more than half (7) required\","
          + "\"rule\":\"Interim rule (pending the decisions rules engine): more than half of the body's voting members present\"," + AT + "}",
      "{\"type\":\"speaking_queue_changed\",\"room\":3,\"seq\":44,\"meeting_id\":7,\"change\":\"raised\",\"queue\":[{\"request_id\":11,"
          + "\"user\":" + KATE + ",\"point_of_order\":false,\"raised_at\":\"2030-03-05T10:11:00Z\"}],\"by\":" + KATE + ",\"reason\":null," + AT + "}",
      "{\"type\":\"floor_changed\",\"room\":3,\"seq\":45,\"meeting_id\":7,\"holder\":" + KATE + ",\"ends_at\":\"2030-03-05T10:14:00Z\",\"by\":" + BY
          + ",\"reason\":null," + AT + "}",
      "{\"type\":\"chair_ruling\",\"room\":3,\"seq\":46,\"meeting_id\":7,\"ruling_id\":2,\"kind\":\"mute\",\"subject\":" + KATE
          + ",\"reason\":\"Repeated interruptions\",\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"meeting_vote_opened\",\"room\":3,\"seq\":47,\"meeting_id\":7,\"vote_id\":3,\"item_id\":31,"
          + "\"question\":\"Should the Change Board approve MP215?\",\"options\":[\"approve\",\"reject\",\"abstain\"],\"electorate\":12,\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"meeting_ballot_count\",\"room\":3,\"seq\":48,\"meeting_id\":7,\"vote_id\":3,\"cast\":5,\"electorate\":12," + AT + "}",
      "{\"type\":\"meeting_vote_closed\",\"room\":3,\"seq\":49,\"meeting_id\":7,\"vote_id\":3,\"tally\":[{\"option\":\"approve\",\"votes\":9},"
          + "{\"option\":\"reject\",\"votes\":2},{\"option\":\"abstain\",\"votes\":1}],\"outcome\":\"carried\",\"quorate\":true,"
          + "\"explanation\":\"quorate: 12 of 12 voting members present; more than half (7) required\","
          + "\"rule\":\"Interim rule (pending the decisions rules engine): simple majority of votes cast\",\"by\":" + BY + ",\"reason\":null," + AT + "}",
      "{\"type\":\"meeting_decision_recorded\",\"room\":3,\"seq\":50,\"meeting_id\":7,\"decision_id\":4,\"item_id\":31,\"text\":\"MP215 approved.\","
          + "\"reason\":\"Better facilitates General SEC Objective (a).\",\"vote_id\":3,\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"action_recorded\",\"room\":3,\"seq\":51,\"meeting_id\":7,\"action_id\":9,\"number\":1,\"item_id\":31,"
          + "\"text\":\"Confirm the Affiliate registration guidance\",\"owner_user\":null,\"owner_party\":{\"id\":4,\"name\":\"Kestrel Energy Ltd\"},"
          + "\"due_date\":\"2030-03-19\",\"due_working_days\":10,\"status\":\"open\",\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"action_updated\",\"room\":3,\"seq\":52,\"meeting_id\":7,\"action_id\":9,\"number\":1,\"status\":\"done\","
          + "\"note\":\"Guidance published\",\"by\":" + KATE + "," + AT + "}",
      "{\"type\":\"question_submitted\",\"room\":3,\"seq\":53,\"meeting_id\":7,\"question_id\":5,\"text\":\"Will Affiliates need to re-register?\","
          + "\"anonymous\":true,\"asker\":null," + AT + "}",
      "{\"type\":\"question_upvoted\",\"room\":3,\"seq\":54,\"meeting_id\":7,\"question_id\":5,\"votes\":2," + AT + "}",
      "{\"type\":\"question_taken\",\"room\":3,\"seq\":55,\"meeting_id\":7,\"question_id\":5,\"by\":" + BY + "," + AT + "}",
      "{\"type\":\"minutes_published\",\"room\":9,\"seq\":12,\"meeting_id\":7,\"title\":\"Change Board, March 2030\","
          + "\"markdown\":\"# Minutes: Change Board, March 2030\\n\\n- Body: Change Board\\n\",\"by\":" + BY + "," + AT + "}");

  @Test
  void everyMeetingCommandExampleDecodesAndReencodesIdentically() {
    for (String json : COMMANDS) {
      ClientCommand decoded = ProtocolCodec.decodeCommand(json);
      assertThat(ProtocolCodec.encode(decoded)).as(json).isEqualTo(json);
    }
  }

  @Test
  void everyMeetingEventExampleDecodesToARoomEventAndReencodesIdentically() {
    for (String json : EVENTS) {
      ServerEvent decoded = ProtocolCodec.decodeEvent(json);
      assertThat(decoded).as(json).isInstanceOf(RoomEvent.class);
      assertThat(ProtocolCodec.encode(decoded)).as(json).isEqualTo(json);
    }
  }

  @Test
  void commandsNameTheirBadField() {
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"join_meeting\",\"id\":\"x\",\"meeting\":1,\"mode\":\"teleport\"}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("mode"));
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"reorder_queue\",\"id\":\"x\",\"meeting\":1,\"user\":2,\"position\":1}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("reason"));
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"record_action\",\"id\":\"x\",\"meeting\":1,\"text\":\"t\","
        + "\"owner_user\":1,\"owner_party\":2,\"due_working_days\":5}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("owner_user"));
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"call_meeting_vote\",\"id\":\"x\",\"meeting\":1,\"item\":2,"
        + "\"question\":\"q\",\"options\":[\"yes\",\"yes\"]}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("options"));
    assertThatThrownBy(() -> ProtocolCodec.decodeCommand("{\"type\":\"mute_participant\",\"id\":\"x\",\"meeting\":1,\"user\":2,\"muted\":true}"))
        .isInstanceOfSatisfying(ProtocolViolation.class, v -> assertThat(v.field()).isEqualTo("reason"));
  }

  @Test
  void omittedOptionalFieldsTakeTheirDefaults() {
    ClientCommand.CallMeetingVote vote = (ClientCommand.CallMeetingVote) ProtocolCodec.decodeCommand(
        "{\"type\":\"call_meeting_vote\",\"id\":\"x\",\"meeting\":1,\"item\":2,\"question\":\"q\"}");
    assertThat(vote.options()).containsExactly("approve", "reject", "abstain");
    ClientCommand.JoinMeeting join = (ClientCommand.JoinMeeting) ProtocolCodec.decodeCommand("{\"type\":\"join_meeting\",\"id\":\"x\",\"meeting\":1}");
    assertThat(join.mode()).isEqualTo("remote");
  }
}
