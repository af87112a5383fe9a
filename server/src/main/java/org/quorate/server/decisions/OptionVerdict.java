package org.quorate.server.decisions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.decisions.counting.DecisionResult;

/**
 * The result of a question with its own options (e.g. "Which date for the workshop?"): the option
 * with the most counted ballots is decided; a tie for the most decides nothing. Quoracy, one ballot
 * per seat, proxies and recusals are the body's rules as for any decision.
 */
public record OptionVerdict(String outcome, String explanation) {

  /** Counted ballots per option, in the order the options were offered. */
  static Map<String, Integer> count(List<String> options, DecisionResult result, Map<Long, String> optionBySequence) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    options.forEach(o -> counts.put(o, 0));
    result.ballots().stream().filter(b -> b.status().counts())
        .map(b -> optionBySequence.get(b.ballot().sequence()))
        .filter(counts::containsKey)
        .forEach(o -> counts.merge(o, 1, Integer::sum));
    return counts;
  }

  public static OptionVerdict of(List<String> options, DecisionResult result, Map<Long, String> optionBySequence) {
    Map<String, Integer> counts = count(options, result, optionBySequence);
    int cast = counts.values().stream().mapToInt(Integer::intValue).sum();
    int most = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<String> leaders = counts.entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
    String rest = "; " + result.quoracy().sentence() + " [rules " + result.rules() + "]";
    if (most == 0) {
      return new OptionVerdict("not_carried", "no option decided — no ballots were counted" + rest);
    }
    if (leaders.size() > 1) {
      return new OptionVerdict("not_carried", "no option decided — tied at " + most + " between " + String.join(" and ", leaders) + rest);
    }
    return new OptionVerdict("carried", "decided: " + leaders.get(0) + " — most ballots (" + most + " of " + cast + ")" + rest);
  }
}
