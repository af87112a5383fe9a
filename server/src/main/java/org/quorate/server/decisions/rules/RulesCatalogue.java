package org.quorate.server.decisions.rules;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.Jackson;

/**
 * Every body's rules, every version, loaded from the classpath at start-up. {@code rules/index.yaml}
 * lists the files (a shaded jar cannot be listed reliably); each file holds one version of one body.
 */
public final class RulesCatalogue {
  /** The rules meant for working groups, which have no files of their own. */
  public static final String WORKING_GROUP = "WORKING_GROUP";

  static final String DIRECTORY = "rules/";
  private static final String INDEX = DIRECTORY + "index.yaml";

  private final Map<String, NavigableMap<Integer, BodyRules>> byBody;

  private RulesCatalogue(Map<String, NavigableMap<Integer, BodyRules>> byBody) {
    this.byBody = byBody;
  }

  /** Loads the seeded rules; throws {@link InvalidRulesException} naming the file and field on the first problem. */
  public static RulesCatalogue loadDefaults() {
    ClassLoader loader = RulesCatalogue.class.getClassLoader();
    Index index;
    try (InputStream in = open(loader, INDEX)) {
      index = Jackson.YAML.readValue(in, Index.class);
    } catch (IOException e) {
      throw new InvalidRulesException(INDEX, "", "cannot be read: " + e.getMessage(), e);
    }
    if (index == null || index.files() == null || index.files().isEmpty()) {
      throw new InvalidRulesException(INDEX, "files", "must list at least one rules file", null);
    }
    Map<String, NavigableMap<Integer, BodyRules>> byBody = new TreeMap<>();
    for (String file : index.files()) {
      BodyRules rules;
      try (InputStream in = open(loader, DIRECTORY + file)) {
        rules = RulesLoader.parse(DIRECTORY + file, in);
      } catch (IOException e) {
        throw new InvalidRulesException(DIRECTORY + file, "", "cannot be read: " + e.getMessage(), e);
      }
      BodyRules previous = byBody.computeIfAbsent(rules.body(), b -> new TreeMap<>()).putIfAbsent(rules.version(), rules);
      if (previous != null) {
        throw new InvalidRulesException(DIRECTORY + file, "version",
            rules.reference() + " is defined twice; give the new file a higher version", null);
      }
    }
    if (!byBody.containsKey(WORKING_GROUP)) {
      throw new InvalidRulesException(INDEX, "files", "must include the " + WORKING_GROUP + " default rules", null);
    }
    return new RulesCatalogue(byBody);
  }

  /** Builds a catalogue from rules already in memory (tests, or rules edited through the API later). */
  public static RulesCatalogue of(Collection<BodyRules> rules) {
    Map<String, NavigableMap<Integer, BodyRules>> byBody = new TreeMap<>();
    rules.forEach(r -> byBody.computeIfAbsent(r.body(), b -> new TreeMap<>()).put(r.version(), r));
    return new RulesCatalogue(byBody);
  }

  /**
   * The newest version of the rules set a body chose at creation ({@code body.rules}). Null only
   * for a body created before the choice was required that had no rules of its own.
   */
  public BodyRules current(String rulesSet, String bodyCode) {
    NavigableMap<Integer, BodyRules> versions = rulesSet == null ? null : byBody.get(rulesSet);
    if (versions == null) {
      throw DomainException.notFound("rules for body", bodyCode);
    }
    return versions.lastEntry().getValue();
  }

  /** Whether a rules set of this name exists: what a new body must name. */
  public boolean has(String rulesSet) {
    return byBody.containsKey(rulesSet);
  }

  /** The newest version of every rules set, by name. */
  public List<BodyRules> newest() {
    return byBody.values().stream().map(v -> v.lastEntry().getValue()).toList();
  }

  /** A specific version, to re-explain a decision under the rules it was decided by. */
  public BodyRules version(String rulesBody, int version) {
    NavigableMap<Integer, BodyRules> versions = byBody.get(rulesBody);
    BodyRules rules = versions == null ? null : versions.get(version);
    if (rules == null) {
      throw DomainException.notFound("rules", rulesBody + " v" + version);
    }
    return rules;
  }

  /** Every body code with rules, sorted. */
  public List<String> bodies() {
    return List.copyOf(byBody.keySet());
  }

  private static InputStream open(ClassLoader loader, String resource) throws IOException {
    InputStream in = loader.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("not found on the classpath");
    }
    return in;
  }

  record Index(List<String> files) {}
}
