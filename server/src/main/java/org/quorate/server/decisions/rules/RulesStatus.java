package org.quorate.server.decisions.rules;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a body's rules are Quorate's seeded defaults or have been confirmed by the SEC Panel. */
public enum RulesStatus {
  @JsonProperty("default_for_panel_to_confirm")
  DEFAULT_FOR_PANEL_TO_CONFIRM,
  @JsonProperty("confirmed")
  CONFIRMED
}
