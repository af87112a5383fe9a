package org.quorate.server.auth;

import java.util.Set;
import org.quorate.server.domain.Role;

/** The signed-in user a request or connection acts for. */
public record Principal(long userId, String username, String displayName, Long partyId, Set<Role> roles) {

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean isAdministrator() {
    return has(Role.ADMINISTRATOR);
  }

  /** SECAS staff: administrators and moderators may moderate any room. */
  public boolean isSecas() {
    return has(Role.ADMINISTRATOR) || has(Role.MODERATOR);
  }
}
