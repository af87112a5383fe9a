package org.quorate.server.registry;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import org.quorate.server.domain.Role;

/** The registry's read models, as the REST API returns them. */
public final class RegistryRecords {
  private RegistryRecords() {}

  public record PartyCategory(String code, String name, boolean voting) {}

  public record VotingGroup(long id, String name, List<Long> partyIds) {}

  public record Party(long id, String name, String category, long votingGroupId, String votingGroup) {}

  public record User(long id, String username, String displayName, Long partyId, Set<Role> roles) {}

  public record BodyMember(long userId, String username, String displayName, String seat, boolean voting,
      Long partyId, String category) {}

  /** {@code rules} is the rules set the body chose; null only for a body from before the choice was required. */
  public record Body(long id, String code, String name, String kind, Long chairUserId, String rules, List<BodyMember> members) {}

  /** A rules set a body may choose: its name (the value of a body's {@code rules}) and newest version. */
  public record RulesSet(String rules, String name, int version, String status, java.time.LocalDate effectiveFrom) {}

  public record StageChange(String fromStage, String toStage, long changedBy, OffsetDateTime changedAt, String reason) {}

  public record Modification(String id, String title, Long proposerPartyId, String path, boolean urgent, String stage,
      OffsetDateTime createdAt, List<StageChange> history) {}
}
