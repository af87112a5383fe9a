package org.quorate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NulCharactersTest {
  static String field(String json) {
    return NulCharacters.fieldWithNul(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void namesTheFieldEvenDeepInsideObjectsAndLists() {
    assertThat(field("{\"name\":\"a\\u0000b\"}")).isEqualTo("name");
    assertThat(field("{\"question\":{\"options\":[\"yes\",\"n\\u0000o\"]}}")).isEqualTo("question.options[1]");
    assertThat(field("[{\"x\":1},{\"y\":\"\\u0000\"}]")).isEqualTo("[1].y");
    assertThat(field("\"\\u0000\"")).isEqualTo("body");
  }

  @Test
  void aNulInAFieldNameNamesTheObjectHoldingIt() {
    assertThat(field("{\"outer\":{\"bad\\u0000name\":1}}")).isEqualTo("outer");
    assertThat(field("{\"bad\\u0000name\":1}")).isEqualTo("body");
  }

  @Test
  void anEscapedBackslashFollowedByTheLettersIsNotANul() {
    assertThat(field("{\"path\":\"C:\\\\u0000\"}")).isNull();
  }

  @Test
  void aRawNulByteAnywhereIsTheBodysFault() {
    assertThat(NulCharacters.fieldWithNul(new byte[] {'a', 0, 'b'})).isEqualTo("body");
  }

  @Test
  void cleanOrUnparseableInputIsLeftToTheParserThatReadsItNext() {
    assertThat(field("{\"name\":\"fine\"}")).isNull();
    assertThat(field("{\"name\": \"\\u0000")).isNull();
    assertThat(NulCharacters.fieldWithNul("{\"body\":\"caf\u00e9\"}")).isNull();
  }
}
