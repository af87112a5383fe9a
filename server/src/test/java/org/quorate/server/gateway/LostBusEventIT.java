package org.quorate.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.DeliveryContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quorate.server.rooms.RoomBus;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;
import org.quorate.server.testing.WsClient;

/**
 * The event bus is not trusted to deliver everything: an acknowledged event it drops, even a room's
 * last with nothing after it to reveal the gap, still reaches every subscriber, once and in order,
 * read from the store when the room's high-water mark shows it missing.
 */
@DemoServer
class LostBusEventIT {
  static TestServer server;

  @Test
  void aRoomsLastEventThatTheBusDropsStillReachesEverySubscriberOnceAndInOrder() {
    long room = server.as("admin").post("/api/rooms", Map.of("name", "lossy bus", "classification", "white")).json().get("id").asLong();
    AtomicLong dropped = new AtomicLong();
    Handler<DeliveryContext<Object>> dropFirstCommitted = ctx -> {
      boolean ours = RoomBus.ROOMS_ADDRESS.equals(ctx.message().address())
          && Long.toString(room).equals(ctx.message().headers().get(RoomBus.ROOM_HEADER))
          && ctx.message().headers().contains(RoomBus.SEQ_HEADER);
      if (ours && dropped.compareAndSet(0, Long.parseLong(ctx.message().headers().get(RoomBus.SEQ_HEADER)))) {
        return;
      }
      ctx.next();
    };
    server.server().vertx().eventBus().addOutboundInterceptor(dropFirstCommitted);
    try (WsClient writer = connect("alice"); WsClient kate = connect("kate"); WsClient eric = connect("eric")) {
      long from = kate.subscribe(room, null).get("last_seq").asLong();
      eric.subscribe(room, null);

      long lost = writer.post(room, "the bus drops this one").get("seq").asLong();
      for (WsClient reader : List.of(kate, eric)) {
        reader.await(n -> WsClient.type(n).equals("message_posted") && n.get("seq").asLong() == lost);
      }
      assertThat(dropped.get()).as("the bus dropped the post").isEqualTo(lost);

      long next = writer.post(room, "the bus carries this one").get("seq").asLong();
      for (WsClient reader : List.of(kate, eric)) {
        reader.await(n -> WsClient.type(n).equals("message_posted") && n.get("seq").asLong() == next);
        assertThat(posts(reader, room)).as("each post once, in order").containsExactly(from + 1, from + 2);
        assertThat(posts(reader, room).get(0)).isEqualTo(lost);
      }
    } finally {
      server.server().vertx().eventBus().removeOutboundInterceptor(dropFirstCommitted);
    }
  }

  private static WsClient connect(String user) {
    return WsClient.connect(server.port(), server.as(user).token());
  }

  private static List<Long> posts(WsClient reader, long room) {
    return reader.roomEvents(room).stream().filter(n -> WsClient.type(n).equals("message_posted"))
        .map(n -> n.get("seq").asLong()).toList();
  }
}
