package org.quorate.server.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.quorate.server.auth.AuthService;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Role;
import org.quorate.server.http.Jackson;
import org.quorate.server.registry.RegistryRecords.Party;
import org.quorate.server.registry.RegistryRecords.User;
import org.quorate.server.registry.RegistryRequests.BodyInput;
import org.quorate.server.registry.RegistryRequests.MemberInput;
import org.quorate.server.registry.RegistryRequests.ModificationInput;
import org.quorate.server.registry.RegistryRequests.PartyInput;
import org.quorate.server.registry.RegistryRequests.StageChangeInput;
import org.quorate.server.registry.RegistryRequests.UserInput;
import org.quorate.server.registry.RegistryService;
import org.quorate.server.registry.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads {@code demo/demo-data.yaml} through the same services the REST API uses, so demo data
 * obeys every rule real data does. Runs only when the store has no users.
 */
public final class DemoData {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  private static final Principal SYSTEM =
      new Principal(0, "system", "Demo loader", null, EnumSet.of(Role.ADMINISTRATOR, Role.MODERATOR));

  private final Pool pool;
  private final RegistryService registry;
  private final AuthService auth;

  public DemoData(Pool pool, RegistryService registry, AuthService auth) {
    this.pool = pool;
    this.registry = registry;
    this.auth = auth;
  }

  public static DemoDataSet read() {
    try (InputStream in = DemoData.class.getResourceAsStream("/demo/demo-data.yaml")) {
      return Jackson.YAML.readValue(in, DemoDataSet.class);
    } catch (IOException e) {
      throw new IllegalStateException("demo/demo-data.yaml is unreadable", e);
    }
  }

  public Future<Void> loadIfEmpty() {
    return new UserStore().count(pool)
        .compose(n -> n > 0 ? Future.succeededFuture() : load(read()));
  }

  private Future<Void> load(DemoDataSet data) {
    Map<String, Long> partyIds = new HashMap<>();
    Map<String, Long> userIds = new HashMap<>();
    return sequence(data.parties(), p -> registry.createParty(SYSTEM, new PartyInput(p.name(), p.category(), p.votingGroup()))
            .map(party -> partyIds.put(party.name(), party.id())))
        .compose(v -> sequence(data.users(), u -> registry.createUser(SYSTEM, new UserInput(u.username(), u.displayName(),
                data.password(), u.party() == null ? null : partyIds.get(u.party()), EnumSet.copyOf(u.roles())))
            .map(user -> userIds.put(user.username(), user.id()))))
        .compose(v -> sequence(data.bodies(), b -> registry.createBody(SYSTEM,
                new BodyInput(b.code(), b.name(), b.kind(), userIds.get(b.chair()), b.rules()))
            .compose(body -> sequence(b.members(), m -> registry.putMember(SYSTEM, body.id(), new MemberInput(
                userIds.get(m.user()), m.seat(), m.voting(), m.party() == null ? null : partyIds.get(m.party()),
                m.category() != null ? m.category() : categoryOf(data, m.party())))))))
        .compose(v -> {
          Principal admin = new Principal(userIds.get("admin"), "admin", "Ada Admin", null, EnumSet.of(Role.ADMINISTRATOR, Role.MODERATOR));
          return sequence(data.modifications(), m -> registry.createModification(admin, new ModificationInput(m.id(), m.title(),
                  partyIds.get(m.proposer()), m.path(), m.urgent(), "draft_development"))
              .compose(created -> sequence(m.stages(), s -> registry.changeStage(admin, m.id(), new StageChangeInput(s.stage(), s.reason())))));
        })
        .onSuccess(v -> LOG.info("demo data loaded: {} parties, {} users, {} bodies, {} modifications",
            data.parties().size(), data.users().size(), data.bodies().size(), data.modifications().size()));
  }

  private static String categoryOf(DemoDataSet data, String partyName) {
    return data.parties().stream().filter(p -> p.name().equals(partyName)).map(DemoDataSet.DemoParty::category)
        .findFirst().orElse(null);
  }

  /** Runs one step per item, in order, so ids and stage histories are deterministic. */
  static <T> Future<Void> sequence(List<T> items, Function<T, Future<?>> step) {
    Future<?> chain = Future.succeededFuture();
    for (T item : items == null ? List.<T>of() : items) {
      chain = chain.compose(v -> step.apply(item));
    }
    return chain.mapEmpty();
  }
}
