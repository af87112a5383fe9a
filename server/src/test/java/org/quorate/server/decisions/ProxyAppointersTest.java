package org.quorate.server.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.server.auth.Principal;
import org.quorate.server.domain.Role;

/** Who may put someone in a member's seat: the member, their own Party's representative, or SECAS. */
class ProxyAppointersTest {
  private static final long MEMBER = 4;
  private static final long NORTHWIND = 1;

  private static Principal user(long id, Long party, Role... roles) {
    return new Principal(id, "u" + id, "User " + id, party, Set.of(roles));
  }

  @Test
  void theMemberTheirPartysRepresentativeAndSecasMayAppoint() {
    assertThat(ProxyService.mayAppoint(user(MEMBER, NORTHWIND, Role.MEMBER), MEMBER, NORTHWIND)).isTrue();
    assertThat(ProxyService.mayAppoint(user(20, NORTHWIND, Role.PARTY_REPRESENTATIVE), MEMBER, NORTHWIND)).isTrue();
    assertThat(ProxyService.mayAppoint(user(2, null, Role.MODERATOR), MEMBER, NORTHWIND)).isTrue();
  }

  @Test
  void aPartyColleagueWithoutTheRepresentativeRoleMayNotAppoint() {
    assertThat(ProxyService.mayAppoint(user(21, NORTHWIND, Role.MEMBER), MEMBER, NORTHWIND)).isFalse();
  }

  @Test
  void anotherPartysRepresentativeAndTheChairMayNotAppoint() {
    assertThat(ProxyService.mayAppoint(user(22, 2L, Role.PARTY_REPRESENTATIVE), MEMBER, NORTHWIND)).isFalse();
    assertThat(ProxyService.mayAppoint(user(3, null, Role.CHAIR), MEMBER, NORTHWIND)).isFalse();
  }

  @Test
  void noRepresentativeMayAppointForASeatWithoutAParty() {
    assertThat(ProxyService.mayAppoint(user(20, NORTHWIND, Role.PARTY_REPRESENTATIVE), MEMBER, null)).isFalse();
  }
}
