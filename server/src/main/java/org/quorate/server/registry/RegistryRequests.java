package org.quorate.server.registry;

import java.util.List;
import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;

/** Request bodies for the registry's REST API; each validates itself and names a bad field. */
public final class RegistryRequests {
  private RegistryRequests() {}

  static final Set<String> CATEGORIES = Set.of("large_supplier", "small_supplier", "electricity_network",
      "gas_network", "other_sec_party", "dcc", "consumer_member");
  static final Set<String> BODY_KINDS = Set.of("panel", "sub_committee", "working_group");
  static final Set<String> PATHS = Set.of("path_1_authority_led", "path_2_authority_determination",
      "path_3_self_governance", "fast_track");
  static final List<String> STAGES = List.of("draft_development", "refinement", "report_phase", "change_board",
      "authority_determination", "approved", "rejected", "withdrawn", "implemented");

  static String oneOf(String value, Set<String> allowed, String field) {
    Checks.required(value, field);
    if (!allowed.contains(value)) {
      throw DomainException.invalid(field, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  /** {@code voting_group} names the Voting Group; a Party without Affiliates gets one of its own name. */
  public record PartyInput(String name, String category, String votingGroup) {
    public PartyInput {
      name = Checks.text(name, "name", 200);
      category = oneOf(category, CATEGORIES, "category");
      votingGroup = votingGroup == null || votingGroup.isBlank() ? name : Checks.text(votingGroup, "voting_group", 200);
    }
  }

  public record UserInput(String username, String displayName, String password, Long partyId, Set<Role> roles) {
    public UserInput {
      username = Checks.text(username, "username", 64).toLowerCase();
      if (!username.matches("[a-z0-9._-]{2,64}")) {
        throw DomainException.invalid("username", "letters, digits, '.', '_' or '-' only");
      }
      displayName = Checks.text(displayName, "display_name", 200);
      Checks.required(password, "password");
      if (password.length() < 10) {
        throw DomainException.invalid("password", "must be at least 10 characters");
      }
      if (roles != null && roles.stream().anyMatch(java.util.Objects::isNull)) {
        throw DomainException.invalid("roles", "must name known roles, not null");
      }
      roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
  }

  public record UserUpdate(String displayName, Long partyId, Set<Role> roles) {
    public UserUpdate {
      displayName = Checks.text(displayName, "display_name", 200);
      roles = Checks.required(roles, "roles");
      if (roles.stream().anyMatch(java.util.Objects::isNull)) {
        throw DomainException.invalid("roles", "must name known roles, not null");
      }
    }
  }

  /**
   * {@code rules} names the rules set the body's decisions are counted under (one of
   * {@code GET /api/rules}); required when creating a body, kept when omitted on an update.
   */
  public record BodyInput(String code, String name, String kind, Long chairUserId, String rules) {
    public BodyInput {
      code = Checks.text(code, "code", 40);
      if (!code.matches("[A-Za-z0-9_-]{2,40}")) {
        throw DomainException.invalid("code", "letters, digits, '_' or '-' only");
      }
      name = Checks.text(name, "name", 200);
      kind = oneOf(kind, BODY_KINDS, "kind");
    }
  }

  public record MemberInput(Long userId, String seat, Boolean voting, Long partyId, String category) {
    public MemberInput {
      Checks.required(userId, "user_id");
      seat = Checks.text(seat, "seat", 200);
      Checks.required(voting, "voting");
      if (category != null) {
        oneOf(category, CATEGORIES, "category");
      }
    }
  }

  public record ModificationInput(String id, String title, Long proposerPartyId, String path, Boolean urgent, String stage) {
    public ModificationInput {
      id = Checks.text(id, "id", 8).toUpperCase();
      if (!id.matches("(MP|DP)[0-9]{1,5}[A-Z]?")) {
        throw DomainException.invalid("id", "must look like MP123 or DP123");
      }
      title = Checks.text(title, "title", 300);
      path = oneOf(path, PATHS, "path");
      urgent = urgent != null && urgent;
      stage = stage == null ? "draft_development" : oneOf(stage, Set.copyOf(STAGES), "stage");
    }
  }

  public record ModificationUpdate(String title, Long proposerPartyId, String path, Boolean urgent) {
    public ModificationUpdate {
      title = Checks.text(title, "title", 300);
      path = oneOf(path, PATHS, "path");
      urgent = urgent != null && urgent;
    }
  }

  public record StageChangeInput(String stage, String reason) {
    public StageChangeInput {
      stage = oneOf(stage, Set.copyOf(STAGES), "stage");
      reason = Checks.text(reason, "reason", 2000);
    }
  }
}
