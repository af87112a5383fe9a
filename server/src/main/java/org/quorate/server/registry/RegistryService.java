package org.quorate.server.registry;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.quorate.server.store.Transactions;
import org.quorate.server.auth.AuthService;
import org.quorate.server.auth.Principal;
import org.quorate.server.decisions.rules.RulesCatalogue;
import org.quorate.server.domain.DomainException;
import org.quorate.server.registry.RegistryRecords.Body;
import org.quorate.server.registry.RegistryRecords.Modification;
import org.quorate.server.registry.RegistryRecords.Party;
import org.quorate.server.registry.RegistryRecords.PartyCategory;
import org.quorate.server.registry.RegistryRecords.RulesSet;
import org.quorate.server.registry.RegistryRecords.User;
import org.quorate.server.registry.RegistryRecords.VotingGroup;
import org.quorate.server.registry.RegistryRequests.BodyInput;
import org.quorate.server.registry.RegistryRequests.MemberInput;
import org.quorate.server.registry.RegistryRequests.ModificationInput;
import org.quorate.server.registry.RegistryRequests.ModificationUpdate;
import org.quorate.server.registry.RegistryRequests.PartyInput;
import org.quorate.server.registry.RegistryRequests.StageChangeInput;
import org.quorate.server.registry.RegistryRequests.UserInput;
import org.quorate.server.registry.RegistryRequests.UserUpdate;

/**
 * The registry's rules: any signed-in user reads; SECAS administrators change Parties, bodies and
 * users; administrators and moderators manage Modifications and their stages.
 */
public final class RegistryService {
  private final Pool pool;
  private final AuthService auth;
  private final RegistryHooks hooks;
  private final RulesCatalogue rules;
  private final PartyStore parties = new PartyStore();
  private final UserStore users = new UserStore();
  private final BodyStore bodies = new BodyStore();
  private final ModificationStore modifications = new ModificationStore();

  public RegistryService(Pool pool, AuthService auth, RegistryHooks hooks, RulesCatalogue rules) {
    this.pool = pool;
    this.auth = auth;
    this.hooks = hooks;
    this.rules = rules;
  }

  // ---- Parties ----
  public Future<List<PartyCategory>> categories() {
    return parties.categories(pool);
  }

  public Future<List<VotingGroup>> votingGroups() {
    return parties.votingGroups(pool);
  }

  public Future<List<Party>> parties() {
    return parties.list(pool);
  }

  public Future<Party> party(long id) {
    return parties.get(pool, id);
  }

  public Future<Party> createParty(Principal who, PartyInput in) {
    requireAdministrator(who);
    return Transactions.run(pool, tx -> parties.create(tx, in)).compose(this::party);
  }

  public Future<Party> updateParty(Principal who, long id, PartyInput in) {
    requireAdministrator(who);
    return Transactions.run(pool, tx -> parties.update(tx, id, in)).compose(v -> party(id));
  }

  public record ImportResult(int imported) {}

  /** All or nothing: a bad or duplicate line fails the whole import, naming the line. */
  public Future<ImportResult> importParties(Principal who, String csv) {
    requireAdministrator(who);
    List<PartyCsv.Line> lines = PartyCsv.parse(csv);
    return Transactions.run(pool, tx -> insertFrom(tx, lines, 0)).map(v -> new ImportResult(lines.size()));
  }

  private Future<Void> insertFrom(SqlConnection tx, List<PartyCsv.Line> lines, int index) {
    if (index == lines.size()) {
      return Future.succeededFuture();
    }
    PartyCsv.Line line = lines.get(index);
    return parties.create(tx, line.party())
        .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? DomainException.invalid("line " + line.number(), "a Party named '" + line.party().name() + "' already exists")
            : e))
        .compose(id -> insertFrom(tx, lines, index + 1));
  }

  // ---- Users ----
  public Future<List<User>> users() {
    return users.list(pool);
  }

  public Future<User> user(long id) {
    return users.get(pool, id);
  }

  public Future<User> createUser(Principal who, UserInput in) {
    requireAdministrator(who);
    return auth.hash(in.password())
        .compose(hash -> Transactions.run(pool, tx -> users.create(tx, in.username(), in.displayName(), hash, in.partyId(), in.roles())))
        .compose(this::user);
  }

  /** Hashing is slow: a few at a time, well inside the hashing pool's queue. */
  private static final int HASH_BATCH = 8;

  /**
   * All or nothing, like the Party import: every password is hashed first, then every user is
   * created in one transaction; an unknown Party or a taken username fails it, naming the line.
   */
  public Future<ImportResult> importUsers(Principal who, List<UserCsv.Line> lines) {
    requireAdministrator(who);
    return hashFrom(lines, 0, new ArrayList<>())
        .compose(hashes -> pool.withTransaction(tx -> parties.list(tx)
            .compose(known -> createFrom(tx, lines, hashes, partiesByName(known), 0))))
        .map(v -> new ImportResult(lines.size()));
  }

  private Future<List<String>> hashFrom(List<UserCsv.Line> lines, int from, List<String> hashes) {
    if (from >= lines.size()) {
      return Future.succeededFuture(hashes);
    }
    List<UserCsv.Line> batch = lines.subList(from, Math.min(lines.size(), from + HASH_BATCH));
    return Future.all(batch.stream().map(l -> auth.hash(l.user().password())).toList())
        .compose(done -> {
          hashes.addAll(done.<String>list());
          return hashFrom(lines, from + HASH_BATCH, hashes);
        });
  }

  private static Map<String, Long> partiesByName(List<Party> known) {
    Map<String, Long> byName = new HashMap<>();
    known.forEach(p -> byName.put(p.name().toLowerCase(), p.id()));
    return byName;
  }

  private Future<Void> createFrom(SqlConnection tx, List<UserCsv.Line> lines, List<String> hashes,
      Map<String, Long> parties, int index) {
    if (index == lines.size()) {
      return Future.succeededFuture();
    }
    UserCsv.Line line = lines.get(index);
    UserInput in = line.user();
    Long partyId = null;
    if (line.party() != null) {
      partyId = parties.get(line.party().toLowerCase());
      if (partyId == null) {
        return Future.failedFuture(DomainException.invalid("line " + line.number(), "party: no Party is named '" + line.party() + "'"));
      }
    }
    return users.create(tx, in.username(), in.displayName(), hashes.get(index), partyId, in.roles())
        .recover(e -> Future.failedFuture(e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
            ? DomainException.invalid("line " + line.number(), "username: a user named '" + in.username() + "' already exists")
            : e))
        .compose(id -> createFrom(tx, lines, hashes, parties, index + 1));
  }

  public Future<User> updateUser(Principal who, long id, UserUpdate in) {
    requireAdministrator(who);
    return Transactions.run(pool, tx -> users.update(tx, id, in.displayName(), in.partyId(), in.roles()))
        .onSuccess(v -> hooks.userAccessCommitted(id))
        .compose(v -> user(id));
  }

  // ---- Bodies ----
  public Future<List<Body>> bodies() {
    return bodies.list(pool);
  }

  public Future<Body> body(long id) {
    return bodies.get(pool, id);
  }

  /** The rules sets a body may choose, newest version of each. */
  public Future<List<RulesSet>> rulesSets() {
    return Future.succeededFuture(rules.newest().stream()
        .map(r -> new RulesSet(r.body(), r.name(), r.version(), r.status() == org.quorate.server.decisions.rules.RulesStatus.CONFIRMED ? "confirmed" : "default_for_panel_to_confirm", r.effectiveFrom())).toList());
  }

  /**
   * A body's rules are chosen when it is created, never defaulted: a body without them could not
   * open a decision, and the refusal belongs here, naming the field, not at the first decision.
   */
  public Future<Body> createBody(Principal who, BodyInput in) {
    requireAdministrator(who);
    if (in.rules() == null) {
      throw DomainException.invalid("rules", "is required: choose the body's rules set, one of " + rules.bodies());
    }
    requireKnownRules(in.rules());
    return Transactions.run(pool, tx -> bodies.create(tx, in)
            .compose(id -> hooks.bodyCreated(tx, id, in.code(), in.name()).map(id)))
        .compose(this::body);
  }

  public Future<Body> updateBody(Principal who, long id, BodyInput in) {
    requireAdministrator(who);
    if (in.rules() != null) {
      requireKnownRules(in.rules());
    }
    return Transactions.run(pool, tx -> bodies.update(tx, id, in)).compose(v -> body(id));
  }

  public Future<Body> putMember(Principal who, long bodyId, MemberInput in) {
    requireAdministrator(who);
    return Transactions.run(pool, tx -> bodies.lock(tx, bodyId)
            .compose(b -> bodies.putMember(tx, bodyId, in))
            .compose(v -> hooks.bodyMembersChanged(tx, bodyId)))
        .compose(v -> hooks.bodyMembersCommitted(bodyId))
        .compose(v -> body(bodyId));
  }

  public Future<Body> removeMember(Principal who, long bodyId, long userId) {
    requireAdministrator(who);
    return Transactions.run(pool, tx -> bodies.lock(tx, bodyId).compose(v -> bodies.removeMember(tx, bodyId, userId))
            .compose(v -> hooks.bodyMembersChanged(tx, bodyId)))
        .compose(v -> hooks.bodyMembersCommitted(bodyId))
        .compose(v -> body(bodyId));
  }

  private void requireKnownRules(String set) {
    if (!rules.has(set)) {
      throw DomainException.invalid("rules", "must be one of " + rules.bodies());
    }
  }

  // ---- Modifications ----
  public Future<List<Modification>> modifications() {
    return modifications.list(pool);
  }

  public Future<Modification> modification(String id) {
    return modifications.get(pool, id.toUpperCase());
  }

  public Future<Modification> createModification(Principal who, ModificationInput in) {
    requireSecas(who);
    return Transactions.run(pool, tx -> modifications.create(tx, in, who.userId())
            .compose(v -> hooks.modificationCreated(tx, in.id(), in.title())))
        .compose(v -> modification(in.id()));
  }

  public Future<Modification> updateModification(Principal who, String id, ModificationUpdate in) {
    requireSecas(who);
    return Transactions.run(pool, tx -> modifications.update(tx, id.toUpperCase(), in)).compose(v -> modification(id));
  }

  public Future<Modification> changeStage(Principal who, String id, StageChangeInput in) {
    requireSecas(who);
    String mod = id.toUpperCase();
    return Transactions.run(pool, tx -> modifications.lockStage(tx, mod).compose(from -> {
          if (from.equals(in.stage())) {
            return Future.failedFuture(DomainException.conflict(mod + " is already at stage " + from));
          }
          return modifications.changeStage(tx, mod, from, in.stage(), who.userId(), in.reason());
        }))
        .compose(v -> modification(mod));
  }

  static void requireAdministrator(Principal who) {
    if (!who.isAdministrator()) {
      throw DomainException.notAuthorised("only a SECAS administrator may change the registry");
    }
  }

  static void requireSecas(Principal who) {
    if (!who.isSecas()) {
      throw DomainException.notAuthorised("only a SECAS administrator or moderator may do this");
    }
  }
}
