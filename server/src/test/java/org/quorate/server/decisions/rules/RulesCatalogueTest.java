package org.quorate.server.decisions.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.domain.DomainException;

class RulesCatalogueTest {
  private static final RulesCatalogue CATALOGUE = RulesCatalogue.loadDefaults();
  private static final List<String> SEC_BODIES =
      List.of("PANEL", "CHANGE_BOARD", "CSC", "TABASC", "OPSG", "TAG", "SSC", "SMKI_PMA", "WORKING_GROUP");

  static Stream<String> secBodies() {
    return SEC_BODIES.stream();
  }

  static Stream<Path> rulesFiles() throws IOException, URISyntaxException {
    Path directory = Path.of(RulesCatalogue.class.getClassLoader().getResource("rules/index.yaml").toURI()).getParent();
    return Files.list(directory).filter(p -> !p.getFileName().toString().equals("index.yaml")).sorted().toList().stream();
  }

  @Test
  void everySeededSecBodyHasRulesAndNothingElseIsSeeded() {
    assertThat(CATALOGUE.bodies()).containsExactlyInAnyOrderElementsOf(SEC_BODIES);
  }

  @ParameterizedTest
  @MethodSource("rulesFiles")
  void everyRulesFileInTheDirectoryLoadsOnItsOwn(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      BodyRules rules = RulesLoader.parse(file.getFileName().toString(), in);
      assertThat(rules.version()).isPositive();
      assertThat(CATALOGUE.version(rules.body(), rules.version())).isEqualTo(rules);
    }
  }

  @ParameterizedTest
  @MethodSource("secBodies")
  void everySeededBodyIsMarkedAsDefaultsForThePanelToConfirmAndCitesAClauseForEachRule(String body) {
    BodyRules rules = CATALOGUE.current(body, body);
    assertThat(rules.status()).isEqualTo(RulesStatus.DEFAULT_FOR_PANEL_TO_CONFIRM);
    Stream.of(rules.electorate().clause(), rules.quorum().clause(), rules.majority().clause(),
            rules.abstentions().clause(), rules.castingVote().clause(), rules.recusal().clause(),
            rules.inquorate().clause(), rules.amendments().clause(), rules.asynchronous().clause(),
            rules.reasons().clause(), rules.proxies().clause(), rules.extensions().clause())
        .forEach(clause -> assertThat(clause).isNotBlank());
  }

  @ParameterizedTest
  @MethodSource("secBodies")
  void dccAndTheConsumerMemberDoNotVoteOnAnySeededBody(String body) {
    assertThat(CATALOGUE.current(body, body).electorate().nonVotingCategories())
        .contains("dcc", "consumer_member");
  }

  @Test
  void theChangeBoardRequiresAReasonForEveryChoiceAndVotesByPartyCategory() {
    BodyRules board = CATALOGUE.current("CHANGE_BOARD", "CHANGE_BOARD");
    assertThat(board.reasons().requiredFor()).containsExactlyInAnyOrder(Choice.values());
    assertThat(board.majority().kind()).isEqualTo(MajorityKind.MAJORITY_OF_CATEGORY_VOTES);
    assertThat(board.majority().clause()).contains("SEC Section D8.2");
    assertThat(board.reasons().clause()).contains("vote and reasoning is recorded");
  }

  @Test
  void aWorkingGroupThatChoseTheWorkingGroupRulesIsDecidedUnderThem() {
    assertThat(CATALOGUE.current("WORKING_GROUP", "WG_MP210").body()).isEqualTo("WORKING_GROUP");
    assertThat(CATALOGUE.current("WORKING_GROUP", "WG_MP210").electorate().basis())
        .isEqualTo(ElectorateBasis.VOTING_GROUPS);
    assertThat(CATALOGUE.has("WORKING_GROUP")).isTrue();
  }

  @Test
  void aBodyWithoutAChosenRulesSetOrWithAnUnknownOneHasNoRules() {
    assertThat(CATALOGUE.has("NEW_COMMITTEE")).isFalse();
    assertThatThrownBy(() -> CATALOGUE.current("NEW_COMMITTEE", "NEW_COMMITTEE"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> CATALOGUE.current(null, "WG_OLD"))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aDecisionCanBeReExplainedUnderTheRulesVersionItRecorded() {
    BodyRules panel = CATALOGUE.current("PANEL", "PANEL");
    assertThat(panel.reference()).isEqualTo("PANEL v1");
    assertThat(CATALOGUE.version("PANEL", 1)).isSameAs(panel);
    assertThatThrownBy(() -> CATALOGUE.version("PANEL", 2))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aNewerVersionOfABodysRulesBecomesCurrentWhileTheOldOneStaysAvailable() {
    BodyRules v1 = CATALOGUE.current("PANEL", "PANEL");
    BodyRules v2 = new BodyRules(v1.body(), v1.name(), 2, v1.effectiveFrom().plusYears(1), RulesStatus.CONFIRMED,
        "confirmed by the Panel", v1.electorate(), v1.quorum(), v1.majority(), v1.abstentions(), v1.castingVote(),
        v1.recusal(), v1.inquorate(), v1.amendments(), v1.asynchronous(), v1.reasons(), v1.proxies(), v1.extensions());
    RulesCatalogue catalogue = RulesCatalogue.of(List.of(v1, v2));
    assertThat(catalogue.current("PANEL", "PANEL")).isEqualTo(v2);
    assertThat(catalogue.version("PANEL", 1)).isEqualTo(v1);
  }
}
