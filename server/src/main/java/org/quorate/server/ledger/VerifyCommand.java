package org.quorate.server.ledger;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quorate.server.config.ConfigException;
import org.quorate.server.config.DatabaseUrl;
import org.quorate.server.store.DatabaseServer;

/**
 * {@code java -jar quorate-server.jar verify --data-dir DIR | --db-url URL | --archive FILE.json}:
 * recomputes the ledger's chain and re-counts every closed decision. Exit 0 clean, 1 on the first
 * mismatch (named), 2 on a usage or access problem. With {@code --data-dir} the server must be stopped
 * (the embedded PostgreSQL cluster is started here, read, and stopped).
 */
public final class VerifyCommand {
  private VerifyCommand() {}

  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 2 || !List.of("--data-dir", "--db-url", "--archive").contains(args[0])) {
      err.println("usage: quorate-server.jar verify (--data-dir DIR | --db-url URL | --archive FILE.json)");
      return 2;
    }
    try {
      List<String> afterwords = new ArrayList<>();
      LedgerVerifier.Report report = switch (args[0]) {
        case "--archive" -> archive(Path.of(args[1]), afterwords);
        case "--db-url" -> database(DatabaseServer.external(DatabaseUrl.parse(args[1])));
        default -> {
          if (!Files.isDirectory(Path.of(args[1]).resolve("postgres"))) {
            throw new ConfigException("no Quorate data in " + args[1]);
          }
          yield database(DatabaseServer.embedded(Path.of(args[1])));
        }
      };
      if (report.clean()) {
        out.println("verified: " + report.entries() + " ledger entries, " + report.decisionsRecounted() + " closed decisions re-counted ("
            + report.rejudged() + " re-judged under their recorded rules, " + report.tallyOnly() + " recounted by tally only, "
            + report.notRejudgeable() + " not re-judgeable), " + report.commitmentsOpened() + " sealed ballots opened; no mismatch");
        report.notes().forEach(out::println);
        afterwords.forEach(out::println);
        return 0;
      }
      out.println("MISMATCH at " + (report.position() == null ? "the ballot table" : "entry " + report.position()) + ": " + report.problem());
      return 1;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("quorate verify: " + e.getMessage());
      return 2;
    } catch (SQLException | java.io.IOException e) {
      err.println("quorate verify: cannot read: " + e.getMessage());
      return 2;
    }
  }

  private static LedgerVerifier.Report database(DatabaseServer db) throws SQLException {
    try (db; Connection c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
        Statement s = c.createStatement()) {
      List<LedgerVerifier.Stored> entries = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT position, kind, body, prev_hash, hash FROM ledger_entry ORDER BY position")) {
        while (r.next()) {
          entries.add(new LedgerVerifier.Stored(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5)));
        }
      }
      String head;
      try (ResultSet r = s.executeQuery("SELECT hash FROM ledger_head WHERE id = 1")) {
        head = r.next() ? r.getString(1) : null;
      }
      List<LedgerVerifier.BallotRow> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT id, decision_id, choice, reason FROM ballot ORDER BY id")) {
        while (r.next()) {
          rows.add(new LedgerVerifier.BallotRow(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4)));
        }
      }
      return LedgerVerifier.verify(entries, true, head, rows);
    }
  }

  /** A decision archive: its entries (each with its own hash and link) checked, its ballots re-counted. */
  private static LedgerVerifier.Report archive(Path file, List<String> afterwords) throws java.io.IOException {
    Map<String, Object> archive = Canonical.parse(Files.readString(file));
    Object proof = archive.get("ledger");
    if (!(proof instanceof List<?> list)) {
      throw new IllegalArgumentException(file + " is not a decision archive (no ledger entries)");
    }
    List<LedgerVerifier.Stored> entries = new ArrayList<>();
    for (Object o : list) {
      Map<?, ?> e = (Map<?, ?>) o;
      entries.add(new LedgerVerifier.Stored(((Number) e.get("position")).longValue(), (String) e.get("kind"), (String) e.get("body"),
          (String) e.get("prev_hash"), (String) e.get("hash")));
    }
    // An excerpt cannot prove on its own that it is the chain's: its close's hash, published in the body's
    // room when the decision closed, is what ties it to the chain everyone saw.
    entries.stream().filter(e -> e.kind().equals("decision_closed")).reduce((a, b) -> b).ifPresent(close -> afterwords.add(
        "the close is ledger entry " + close.position() + " with hash " + close.hash() + ": it must match the ledger checkpoint "
            + "posted in the body's room when the decision closed"));
    return LedgerVerifier.verify(entries, false, null, List.of());
  }
}
