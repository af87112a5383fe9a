package org.quorate.server.gateway;

import org.quorate.protocol.ServerEvent;
import org.quorate.server.auth.Principal;

/** What a feature's command handler sees of a WebSocket connection. */
public interface Connection {
  /** The signed-in user (never null inside a command handler other than authenticate). */
  Principal principal();

  /** Queues an event for this connection only. */
  void send(ServerEvent event);
}
