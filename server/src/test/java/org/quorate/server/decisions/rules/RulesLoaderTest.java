package org.quorate.server.decisions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesLoaderTest {

  private static String panelYaml() throws IOException {
    try (InputStream in = RulesLoaderTest.class.getClassLoader().getResourceAsStream("rules/panel.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static BodyRules parse(String yaml) {
    return RulesLoader.parse("rules/test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theSeededPanelFileParsesToItsRules() throws IOException {
    BodyRules panel = parse(panelYaml());
    assertThat(panel.quorum().fraction()).isEqualTo(Fraction.HALF);
    assertThat(panel.quorum().comparison()).isEqualTo(Comparison.MORE_THAN);
    assertThat(panel.castingVote().enabled()).isTrue();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', value = {
      "'  comparison: more_than'|'  comparison: more_or_less'|quorum.comparison|is not one of more_than, at_least",
      "'  postal_ballots_count: true'|''|quorum.postal_ballots_count|postal_ballots_count",
      "'  fraction: 1/2'|'  fraction: 1/2\n  count: 3'|quorum.count|give exactly one of count or fraction",
      "'  fraction: 1/2'|'  fraction: 3/2'|quorum.fraction|0 < n <= d",
      "'  fraction: 1/2'|'  fraction: half'|quorum.fraction|must look like 1/2",
      "'  kind: simple_majority'|'  kind: simple_majorty'|majority.kind|is not one of simple_majority",
      "'non_voting_categories: [dcc, consumer_member]'|'non_voting_categories: [dcc, consumers]'|electorate.non_voting_categories|unknown Party Category 'consumers'",
      "'  action: extend_once'|'  action: extend_once\n  colour: blue'|inquorate.colour|is not a known field",
      "'  then_action: carry_to_next_meeting'|''|inquorate.then_action|is required",
      "'  max_seats_per_person: 2'|'  max_seats_per_person: 0'|proxies.max_seats_per_person|must be at least 1",
      "'version: 1'|'version: 0'|version|must be at least 1",
      "'body: PANEL'|'body: panel'|body|upper-case body code",
  })
  void aBadFieldFailsLoudlyNamingTheFileAndTheField(String good, String bad, String field, String problem)
      throws IOException {
    String yaml = panelYaml();
    assertThat(yaml).contains(good);
    String broken = yaml.replace(good, bad.replace("\\n", "\n"));
    assertThatThrownBy(() -> parse(broken))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> {
          assertThat(e.file()).isEqualTo("rules/test.yaml");
          assertThat(e.field()).isEqualTo(field);
          assertThat(e.getMessage()).startsWith("rules/test.yaml: " + field + ": ").contains(problem);
        });
  }

  @Test
  void aRuleWithoutItsClauseIsRefused() throws IOException {
    String yaml = panelYaml().replace(
        "casting_vote:\n  clause: \"Panel Chair's casting vote on a tie — Quorate default, for the SEC Panel to confirm\"\n",
        "casting_vote:\n");
    assertThatThrownBy(() -> parse(yaml))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> assertThat(e.field()).isEqualTo("casting_vote.clause"));
  }

  @Test
  void aMissingRuleIsRefused() throws IOException {
    String yaml = panelYaml();
    String withoutRecusal = yaml.substring(0, yaml.indexOf("recusal:")) + yaml.substring(yaml.indexOf("inquorate:"));
    assertThatThrownBy(() -> parse(withoutRecusal))
        .isInstanceOfSatisfying(InvalidRulesException.class, e -> assertThat(e.field()).isEqualTo("recusal"));
  }

  @Test
  void anEmptyFileIsRefused() {
    assertThatThrownBy(() -> parse("")).isInstanceOf(InvalidRulesException.class).hasMessageContaining("rules/test.yaml");
  }

  @Test
  void brokenYamlIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> parse("body: [PANEL")).isInstanceOf(InvalidRulesException.class)
        .hasMessageStartingWith("rules/test.yaml: ");
  }
}
