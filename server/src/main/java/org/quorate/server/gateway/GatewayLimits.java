package org.quorate.server.gateway;

import java.time.Duration;

/**
 * The WebSocket gateway's protective limits, in one place.
 *
 * <p>{@code writeQueueBytes} is Netty's high-water mark (when {@code writeQueueFull()} turns true);
 * {@code outboundBudgetBytes} bounds what one session may have queued but not yet written, counted
 * by us from each write until its future completes, so a client that stops reading costs at most
 * that much heap. {@code slowClientGrace} is how long a session may stay unwritable.
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
        Duration.ofSeconds(75), Duration.ofSeconds(10), 30, 120, Duration.ofMillis(250));
  }
}
