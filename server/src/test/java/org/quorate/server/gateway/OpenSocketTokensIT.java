package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.quorate.server.auth.AuthService;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * An open socket holds its token and when it expires; it does not look the token up again at
 * each heartbeat. Revocations are pushed to it instead, and close it at once; expiry is a time.
 */
@DemoServer
class OpenSocketTokensIT {
  static TestServer server;

  @Test
  void theHeartbeatDoesNotLookUpTheTokenButSigningOutClosesTheSocketAtOnce() {
    ApiClient quiet = server.as("kate");
    ApiClient leaving = server.as("kate");
    try (WsClient unchecked = WsClient.connect(server.port(), quiet.token());
        WsClient signedIn = WsClient.connect(server.port(), leaving.token())) {
      // Revoked behind the server's back: nothing announces it, so only a token lookup could notice.
      revokeWithoutTellingAnyone(quiet.token());

      await().atMost(Duration.ofSeconds(45)).until(() -> unchecked.pings() > 0 && signedIn.pings() > 0);
      assertThat(unchecked.isClosed()).as("the heartbeat asked the store about the token").isFalse();

      assertThat(leaving.post("/api/logout", java.util.Map.of()).status()).isEqualTo(204);
      assertThat(signedIn.awaitClose()).isEqualTo((short) 1008);
      assertThat(signedIn.closeReason()).isEqualTo("signed out");
      assertThat(unchecked.isClosed()).isFalse();
    }
  }

  @Test
  void aSocketClosesWhenItsTokenExpiresWithoutAskingTheStore() {
    try (TestServer shortLived = TestServer.start(Duration.ofSeconds(8));
        WsClient socket = WsClient.connect(shortLived.port(), shortLived.as("kate").token())) {
      assertThat(socket.awaitClose()).isEqualTo((short) 1008);
      assertThat(socket.closeReason()).isEqualTo("session expired or signed out");
    }
  }

  private static void revokeWithoutTellingAnyone(String token) {
    server.server().pool().preparedQuery("UPDATE auth_token SET revoked_at = now() WHERE token_hash = $1")
        .execute(Tuple.of(io.vertx.core.buffer.Buffer.buffer(java.util.HexFormat.of().parseHex(AuthService.tokenId(token)))))
        .await();
  }
}
