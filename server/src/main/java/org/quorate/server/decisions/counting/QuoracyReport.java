package org.quorate.server.decisions.counting;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.quorate.server.decisions.rules.Comparison;

/**
 * Quoracy that explains itself: whether a decision is quorate, every number behind the answer, the
 * clause it rests on, a sentence for people, and a forecast of what an open decision still needs.
 *
 * @param base eligible constituencies (voting members, Voting Groups or Party Categories) after recusals
 * @param participating how many of them count as present or voted under the rules
 * @param required the smallest {@code participating} that meets the threshold for this base
 * @param threshold the threshold in words, e.g. "more than half"
 */
public record QuoracyReport(
    boolean quorate,
    String noun,
    boolean atMeeting,
    int base,
    int participating,
    int required,
    Comparison comparison,
    String threshold,
    int recused,
    Participation participation,
    List<CompositionStatus> composition,
    Forecast forecast,
    String clause,
    String sentence) {

  public QuoracyReport {
    composition = List.copyOf(composition);
  }

  /** How the participating constituencies took part, and what the rules declined to count. */
  public record Participation(
      int presentInPerson,
      int presentByProxy,
      int ballots,
      int postalBallots,
      int proxyBallots,
      int postalBallotsNotCounted,
      int proxiesNotCounted,
      int abstentionsNotCounted) {}

  /**
   * One composition constraint. {@code required} is the rule's {@code ruleRequires} capped at the
   * eligible constituencies in those categories, so a recusal can never make a quorum impossible.
   */
  public record CompositionStatus(
      Set<String> categories,
      String names,
      int participating,
      int required,
      int ruleRequires,
      int eligible,
      boolean met,
      String clause) {

    public CompositionStatus {
      categories = Set.copyOf(categories);
    }
  }

  /** What an open decision still needs: {@code stillNeeded} more, including {@code fromCategories}. */
  public record Forecast(
      int stillNeeded,
      List<CategoryNeed> fromCategories,
      int notYetCounted,
      boolean attainable,
      String sentence) {

    public Forecast {
      fromCategories = List.copyOf(fromCategories);
    }

    /** Every Party Category a reminder should reach first: those the quorum still needs. */
    public Set<String> categories() {
      return fromCategories.stream().flatMap(n -> n.categories().stream()).collect(Collectors.toUnmodifiableSet());
    }
  }

  /** At least {@code count} more from {@code names}. */
  public record CategoryNeed(Set<String> categories, String names, int count) {
    public CategoryNeed {
      categories = Set.copyOf(categories);
    }
  }
}
