package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.quorate.protocol.DecisionViews;
import org.quorate.server.decisions.counting.Choice;
import org.quorate.server.decisions.counting.DecisionResult;
import org.quorate.server.decisions.rules.BodyRules;
import org.quorate.server.decisions.rules.RulesLoader;
import org.quorate.server.http.Jackson;

/**
 * Before a sealed decision closes, the quoracy everyone sees must not depend on any voter's choice:
 * checked for every rules file the server ships, over every assignment of choices to the ballots of
 * a handful of stories (changed and withdrawn ballots, an amendment, postal ballots at a meeting, a
 * proxy, a recusal).
 */
class SealedQuoracyTest {
  private static final List<Choice> CHOICES = List.of(Choice.APPROVE, Choice.REJECT, Choice.ABSTAIN);

  /** A ballot history; each cast takes its choice from the iterator. */
  record Story(String name, int casts, BiConsumer<Scenario, Iterator<Choice>> steps) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Story> STORIES = List.of(
      new Story("three ballots, one changed, one withdrawn", 4, (s, c) -> s
          .vote(1, c.next()).vote(2, c.next()).vote(3, c.next()).vote(2, c.next()).withdraw(3)),
      new Story("everyone votes, the motion is amended, one votes again", 7, (s, c) -> {
        for (long seat = 1; seat <= 6; seat++) {
          s.vote(seat, c.next());
        }
        s.amend().vote(1, c.next());
      }),
      new Story("postal ballots counted at a meeting one member attends", 3, (s, c) -> s
          .present(1).postal(2, c.next()).postal(3, c.next()).vote(4, c.next())),
      new Story("a proxy votes for an absent member", 3, (s, c) -> s
          .vote(1, c.next()).proxy(5, 99).byProxy(5, 99, c.next()).vote(6, c.next())),
      new Story("a recused member, and a non-voting seat that casts", 3, (s, c) -> s
          .recuse(2).vote(1, c.next()).vote(3, c.next()).vote(7, c.next())));

  static Stream<Arguments> shippedRulesAndStories() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (BodyRules rules : shippedRules()) {
      for (Story story : STORIES) {
        out.add(Arguments.of(rules.reference(), rules, story));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("shippedRulesAndStories")
  void theSealedQuoracyIsTheSameWhateverTheVotersChose(String reference, BodyRules rules, Story story) {
    Set<DecisionViews.Quoracy> seen = new HashSet<>();
    for (List<Choice> choices : assignments(story.casts())) {
      DecisionResult result = scenario(rules, story, choices).result();
      seen.add(DecisionWire.quoracy(decision("sealed", "open"), result));
    }
    assertThat(seen).as("sealed quoracy over all %d choice assignments", (int) Math.pow(3, story.casts())).hasSize(1);
    DecisionViews.Quoracy q = seen.iterator().next();
    assertThat(q.sealed()).isTrue();
    assertThat(q.quorate()).isNull();
    assertThat(q.participating()).isNull();
    assertThat(q.postalBallotsCounted()).isNull();
    assertThat(q.composition()).isNull();
    assertThat(q.forecast()).isNull();
    assertThat(q.sentence()).startsWith("sealed: ballots received from " + q.ballotsReceived() + " of " + q.base());
  }

  @Test
  void underRulesWhereAbstentionsDoNotCountTheFullQuoracyWouldGiveAnAbstentionAway() throws IOException {
    BodyRules tag = shippedRules().stream().filter(r -> !r.abstentions().countTowardQuorum()).findFirst().orElseThrow();
    DecisionResult abstained = Scenario.under(tag).seats("other_sec_party", 3).vote(1, Choice.ABSTAIN).result();
    DecisionResult approved = Scenario.under(tag).seats("other_sec_party", 3).vote(1, Choice.APPROVE).result();

    assertThat(DecisionWire.counted(abstained).participating()).isZero();
    assertThat(DecisionWire.counted(approved).participating()).isOne();
    var sealedAbstained = DecisionWire.quoracy(decision("sealed", "open"), abstained);
    assertThat(sealedAbstained).isEqualTo(DecisionWire.quoracy(decision("sealed", "open"), approved));
    assertThat(sealedAbstained.ballotsReceived()).isOne();
    assertThat(Jackson.JSON.valueToTree(sealedAbstained).toString()).doesNotContain("abstention");
  }

  @Test
  void onlyTheCloseRevealsTheCountedQuoracyOfASealedDecisionNeverACancellation() {
    DecisionResult result = Scenario.under(TestRules.panel()).seats("large_supplier", 4).vote(1, Choice.REJECT).result();
    assertThat(DecisionWire.quoracy(decision("sealed", "cancelled"), result).sealed()).isTrue();
    assertThat(DecisionWire.quoracy(decision("sealed", "closed"), result)).isEqualTo(DecisionWire.counted(result));
    assertThat(DecisionWire.quoracy(decision("open", "open"), result)).isEqualTo(DecisionWire.counted(result));
    assertThat(DecisionWire.counted(result).participating()).isOne();
  }

  private static Scenario scenario(BodyRules rules, Story story, List<Choice> choices) {
    Scenario s = Scenario.under(rules).seat(1, "large_supplier").seat(2, "large_supplier").seat(3, "small_supplier")
        .seat(4, "electricity_network").seat(5, "gas_network").seat(6, "other_sec_party").nonVotingSeat(7, "dcc");
    story.steps().accept(s, choices.iterator());
    return s;
  }

  private static List<List<Choice>> assignments(int n) {
    List<List<Choice>> out = new ArrayList<>();
    out.add(List.of());
    for (int i = 0; i < n; i++) {
      List<List<Choice>> next = new ArrayList<>();
      for (List<Choice> prefix : out) {
        for (Choice c : CHOICES) {
          List<Choice> longer = new ArrayList<>(prefix);
          longer.add(c);
          next.add(longer);
        }
      }
      out = next;
    }
    return out;
  }

  /** Every file rules/index.yaml lists: what the server loads. */
  static List<BodyRules> shippedRules() throws IOException {
    ClassLoader loader = SealedQuoracyTest.class.getClassLoader();
    List<BodyRules> out = new ArrayList<>();
    try (InputStream index = loader.getResourceAsStream("rules/index.yaml")) {
      for (var file : Jackson.YAML.readTree(index).get("files")) {
        try (InputStream in = loader.getResourceAsStream("rules/" + file.asText())) {
          out.add(RulesLoader.parse("rules/" + file.asText(), in));
        }
      }
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(9);
    return out;
  }

  private static StoredDecision decision(String visibility, String status) {
    return new StoredDecision(1, 1, "MP215", 1, 1, "TAG", "Testing Advisory Group", null, "MP215", null, "Approve MP215?",
        "asynchronous", visibility, status, null, false, "TAG", 1, "TAG v1", "Approve MP215?", 1, Scenario.T0, null, null, 0, 0,
        null, null, null);
  }
}
