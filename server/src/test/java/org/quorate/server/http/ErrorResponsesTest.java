package org.quorate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quorate.protocol.ErrorCode;
import org.quorate.server.domain.DomainException;

/** A store that cannot answer is `unavailable` (503), never a sign-out and never an internal error. */
class ErrorResponsesTest {

  @ParameterizedTest(name = "SQLSTATE {0}")
  @ValueSource(strings = {"57P01", "57P02", "57P03", "08006", "08001"})
  void postgresStoppingStartingOrLosingTheConnectionIsUnavailable(String sqlState) {
    DomainException e = ErrorResponses.classify(new PgException("the database system is starting up", "FATAL", sqlState, null), "test");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorResponses.status(e.code())).isEqualTo(503);
  }

  @Test
  void aRefusedConnectionIsUnavailableWhereverItIsWrapped() {
    DomainException e = ErrorResponses.classify(new RuntimeException(new ConnectException("Connection refused")), "test");

    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
  }

  @Test
  void aTokenTheStoreRejectsStaysNotAuthenticated() {
    DomainException e = ErrorResponses.classify(DomainException.notAuthenticated("token is unknown, expired or revoked"), "test");

    assertThat(ErrorResponses.status(e.code())).isEqualTo(401);
  }
}
