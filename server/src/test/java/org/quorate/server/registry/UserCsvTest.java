package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quorate.server.domain.DomainException;
import org.quorate.server.domain.Role;

class UserCsvTest {
  private static final String HEADER = "username,display_name,roles,party,password\n";

  private static List<UserCsv.Line> parse(String csv) {
    return UserCsv.parse(csv, () -> "generated-password-0");
  }

  @Test
  void rolesAreSeparatedBySemicolonsThePartyIsANameAndAnEmptyPasswordIsGenerated() {
    List<UserCsv.Line> lines = parse(HEADER + "Zara,\"Zed, Zara\", member ; OBSERVER ,Northwind Energy Supply Ltd,\n"
        + "yusuf,Yusuf,,,a-given-password\n");

    assertThat(lines).hasSize(2);
    UserCsv.Line zara = lines.get(0);
    assertThat(zara.number()).isEqualTo(2);
    assertThat(zara.user().username()).isEqualTo("zara");
    assertThat(zara.user().displayName()).isEqualTo("Zed, Zara");
    assertThat(zara.user().roles()).isEqualTo(Set.of(Role.MEMBER, Role.OBSERVER));
    assertThat(zara.party()).isEqualTo("Northwind Energy Supply Ltd");
    assertThat(zara.passwordGenerated()).isTrue();
    assertThat(zara.user().password()).isEqualTo("generated-password-0");
    UserCsv.Line yusuf = lines.get(1);
    assertThat(yusuf.user().roles()).isEmpty();
    assertThat(yusuf.party()).isNull();
    assertThat(yusuf.passwordGenerated()).isFalse();
    assertThat(yusuf.user().password()).isEqualTo("a-given-password");
  }

  @Test
  void aBadRowIsNamedByItsLineAndField() {
    assertInvalid(HEADER + "ok,Ok,member,,\n\nbad,Bad,memberr,,\n", "line 4: roles: unknown role 'memberr'");
    assertInvalid(HEADER + "a b,Spaces,member,,\n", "line 2: username: letters, digits");
    assertInvalid(HEADER + "anna,,member,,\n", "line 2: display_name: must not be blank");
    assertInvalid(HEADER + "anna,Anna,member,,short\n", "line 2: password: must be at least 10 characters");
    assertInvalid(HEADER + "anna,Anna,member,\n", "line 2: expected 5 fields, found 4");
    assertInvalid(HEADER + "anna,Anna,member,,\nAnna,Anna again,member,,\n", "line 3: username: 'anna' is already on line 2");
    assertInvalid("username,display_name,roles,party\nanna,Anna,member,\n", "line 1: header must be exactly");
    assertInvalid(HEADER, "file: has no users");
  }

  private static void assertInvalid(String csv, String message) {
    assertThatThrownBy(() -> parse(csv)).isInstanceOf(DomainException.class).hasMessageStartingWith(message);
  }
}
