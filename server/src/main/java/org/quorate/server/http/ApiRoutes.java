package org.quorate.server.http;

import io.vertx.ext.web.Router;

/**
 * A feature's REST routes. Each feature package contributes one; {@code HttpVerticle} mounts them
 * all behind authentication, so a feature cannot forget it.
 */
public interface ApiRoutes {
  void mount(Router api);

  /** Routes that take bodies larger than the API's JSON limit mount their own body handler here, before the general one. */
  default void mountUploads(Router api) {}

  /** Routes that authenticate by other means than a bearer token (a secret feed address), mounted before authentication. */
  default void mountPublic(Router api) {}
}
