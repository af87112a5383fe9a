package org.quorate.server.gateway;

import java.time.Duration;

/**
 * The WebSocket gateway's protective limits, in one place.
 *
 * <p>{@code writeQueueBytes} is Netty's high-water mark (when {@code writeQueueFull()} turns true);
 * {@code outboundBudgetBytes} bounds what one session may have queued but not yet written, counted
 * by us from each write until its future completes, so a client that stops reading costs at most
 * that much heap. {@code slowClientGrace} is how long a session may stay unwritable.
 *
 * <p>Commands: 200 a second in bursts of 1,000 per connection. A person sends a few a second, but
 * a reconnecting client re-subscribes to every room it had open in one go, a chair's or a bridge's
 * client is busier, and load tests post from few sockets; the limit only has to stop a runaway
 * client, since the database pool's bounded wait is what protects the store.
 */
public record GatewayLimits(
    int maxFrameBytes,
    int maxMessageBytes,
    int writeQueueBytes,
    long outboundBudgetBytes,
    Duration slowClientGrace,
    Duration heartbeat,
    Duration silenceTimeout,
    Duration authTimeout,
    int commandsPerSecond,
    int commandBurst,
    Duration gapWait) {

  public static GatewayLimits defaults() {
    return new GatewayLimits(64 * 1024, 128 * 1024, 512 * 1024, 1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(25),
        Duration.ofSeconds(75), Duration.ofSeconds(10), 200, 1_000, Duration.ofMillis(250));
  }
}
