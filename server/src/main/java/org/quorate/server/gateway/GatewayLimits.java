package org.quorate.server.gateway;

import java.time.Duration;

/** The WebSocket gateway's protective limits, in one place. */
public record GatewayLimits(
    int maxFrameBytes,
    int maxMessageBytes,
    int writeQueueBytes,
    int maxFramesWhileFull,
    Duration slowClientGrace,
    Duration heartbeat,
    Duration silenceTimeout,
    Duration authTimeout,
    int commandsPerSecond,
    int commandBurst,
    Duration gapWait) {

  public static GatewayLimits defaults() {
    return new GatewayLimits(64 * 1024, 128 * 1024, 512 * 1024, 2_000, Duration.ofSeconds(10), Duration.ofSeconds(25),
        Duration.ofSeconds(75), Duration.ofSeconds(10), 30, 120, Duration.ofMillis(250));
  }
}
