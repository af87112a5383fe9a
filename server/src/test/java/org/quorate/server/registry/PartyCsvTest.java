package org.quorate.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quorate.server.domain.DomainException;

class PartyCsvTest {

  @Test
  void quotedFieldsMayHoldCommasAndDoubledQuotes() {
    List<PartyCsv.Line> lines = PartyCsv.parse(
        "name,category,voting_group\n\"Smith, Jones & \"\"Partners\"\"\",small_supplier,\"Group, One\"\n");
    assertThat(lines).singleElement().satisfies(l -> {
      assertThat(l.number()).isEqualTo(2);
      assertThat(l.party().name()).isEqualTo("Smith, Jones & \"Partners\"");
      assertThat(l.party().votingGroup()).isEqualTo("Group, One");
    });
  }

  @Test
  void lineNumbersCountBlankLinesAndTheHeaderCaseAndSpacingDoNotMatter() {
    List<PartyCsv.Line> lines = PartyCsv.parse(" Name , CATEGORY ,voting_group\r\n\r\nA Ltd,dcc,\r\n\r\nB Ltd,gas_network,G\r\n");
    assertThat(lines).extracting(PartyCsv.Line::number).containsExactly(3, 5);
    assertThat(lines.get(0).party().votingGroup()).isEqualTo("A Ltd");
  }

  @Test
  void aBadLineIsNamedByItsNumberInTheFile() {
    assertInvalid("name,category,voting_group\nA Ltd,dcc,\n\n\"Open quote,dcc,\n", "line 4", "unterminated");
    assertInvalid("name,category,voting_group\nA Ltd,dcc,x,y\n", "line 2", "expected 3 fields, found 4");
    assertInvalid("name,category,voting_group\n,dcc,\n", "line 2", "name");
    assertInvalid("name,category\nA Ltd,dcc\n", "line 1", "header");
    assertInvalid("name,category,voting_group\n\n", "body", "no Parties");
    assertInvalid(null, "body", "required");
  }

  private static void assertInvalid(String csv, String field, String message) {
    assertThatThrownBy(() -> PartyCsv.parse(csv))
        .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }
}
