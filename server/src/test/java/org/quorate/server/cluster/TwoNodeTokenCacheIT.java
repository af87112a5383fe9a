package org.quorate.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quorate.server.testing.ApiClient;
import org.quorate.server.testing.ServerProcess;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * Whatever ends or changes a token through one node holds at the very next handshake on another. A
 * single node answers handshakes from its token cache; clustered nodes ask the store each time, since
 * the signal that would clear another node's cache arrives a little later (this test caught it).
 */
class TwoNodeTokenCacheIT {
  private static final String CLUSTER = "quorate-token-cache-it";

  @TempDir Path work;
  private final List<ServerProcess> nodes = new ArrayList<>();

  @BeforeEach
  void startTwoNodes() throws Exception {
    nodes.addAll(ClusterNodes.startTwo(work, CLUSTER));
  }


  @AfterEach
  void stopNodes() {
    nodes.parallelStream().forEach(ServerProcess::close);
  }

  @Test
  void aTokenSignedOutThroughOneNodeIsRefusedAtTheNextHandshakeOnTheOtherThoughItWasCachedThere() {
    ApiClient penny = new ApiClient(nodes.get(0).baseUrl());
    penny.login("penny", TestServer.DEMO_PASSWORD);
    // Twice on the second node: were it caching, the second handshake would be served from its cache.
    WsClient.connect(nodes.get(1).port(), penny.token()).close();
    WsClient.connect(nodes.get(1).port(), penny.token()).close();

    assertThat(penny.post("/api/logout", Map.of()).status()).isEqualTo(204);

    assertThatThrownBy(() -> WsClient.open(nodes.get(1).port(), "Bearer " + penny.token(), null).close())
        .hasStackTraceContaining("401");
  }

  @Test
  void aUserRenamedThroughOneNodeIsWelcomedUnderTheNewNameAtTheNextHandshakeOnTheOther() {
    ApiClient admin = new ApiClient(nodes.get(0).baseUrl());
    admin.login("admin", TestServer.DEMO_PASSWORD);
    ApiClient penny = new ApiClient(nodes.get(0).baseUrl());
    penny.login("penny", TestServer.DEMO_PASSWORD);
    long pennyId;
    try (WsClient ws = WsClient.connect(nodes.get(1).port(), penny.token())) {
      pennyId = welcome(ws).path("user").path("id").asLong();
      assertThat(welcome(ws).path("user").path("display_name").asText()).isEqualTo("Penny Pennine");
    }
    Map<String, Object> renamed = new LinkedHashMap<>();
    renamed.put("display_name", "Penny Renamed");
    renamed.put("party_id", admin.get("/api/users/" + pennyId).json().path("party_id").asLong());
    renamed.put("roles", List.of("member", "party_representative"));
    assertThat(admin.put("/api/users/" + pennyId, renamed).status()).isEqualTo(200);

    try (WsClient ws = WsClient.connect(nodes.get(1).port(), penny.token())) {
      assertThat(welcome(ws).path("user").path("display_name").asText()).isEqualTo("Penny Renamed");
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode welcome(WsClient ws) {
    return ws.await(n -> WsClient.type(n).equals("welcome"));
  }


}
