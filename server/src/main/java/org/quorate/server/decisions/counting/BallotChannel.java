package org.quorate.server.decisions.counting;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a ballot reached the decision; quoracy rules treat postal ballots apart. */
public enum BallotChannel {
  /** Cast in the room of an asynchronous decision. */
  @JsonProperty("asynchronous")
  ASYNCHRONOUS,
  /** Submitted ahead of the meeting a postal vote is counted at. */
  @JsonProperty("postal")
  POSTAL,
  /** Cast live at the meeting. */
  @JsonProperty("at_meeting")
  AT_MEETING
}
