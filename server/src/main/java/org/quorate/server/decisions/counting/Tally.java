package org.quorate.server.decisions.counting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quorate.server.decisions.rules.PartyCategories;

/**
 * The counted ballots, overall and by Party Category. {@code eligible} is the number of eligible
 * constituencies (the base an absolute majority is measured against); {@code notVoted} those without
 * a counted ballot.
 */
public record Tally(int approve, int reject, int abstain, int eligible, int notVoted, List<CategoryTally> byCategory) {

  public Tally {
    byCategory = List.copyOf(byCategory);
  }

  /** One Party Category's counted ballots; {@code eligible} counts its eligible constituencies. */
  public record CategoryTally(String category, String name, int eligible, int approve, int reject, int abstain) {
    public int cast() {
      return approve + reject + abstain;
    }
  }

  public int cast() {
    return approve + reject + abstain;
  }

  public static Tally of(DecisionFacts facts, CountedBallots counted) {
    Set<Long> recused = facts.recusedSeatIds();
    Map<String, List<Seat>> constituencies = facts.electorate().eligibleConstituencies(recused);
    // per category: eligible constituencies, approve, reject, abstain
    Map<String, int[]> categories = new LinkedHashMap<>();
    constituencies.values().forEach(seats -> seats.stream().map(Seat::category).distinct()
        .forEach(c -> categories.computeIfAbsent(c, k -> new int[4])[0]++));
    int[] overall = new int[3];
    for (CountedBallot ballot : counted.counted()) {
      int index = ballot.choice().ordinal();
      overall[index]++;
      categories.computeIfAbsent(ballot.seat().category(), k -> new int[4])[index + 1]++;
    }
    List<CategoryTally> byCategory = new ArrayList<>();
    categories.entrySet().stream()
        .sorted((a, b) -> Integer.compare(PartyCategories.position(a.getKey()), PartyCategories.position(b.getKey())))
        .forEach(e -> byCategory.add(new CategoryTally(e.getKey(), PartyCategories.plural(e.getKey()),
            e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])));
    int cast = overall[0] + overall[1] + overall[2];
    return new Tally(overall[0], overall[1], overall[2], constituencies.size(), constituencies.size() - cast, byCategory);
  }
}
