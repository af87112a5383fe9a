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

  /** Routes that carry their own proof instead of a sign-in (a signed link, a secret feed address); few features have any. */
  default void mountPublic(Router api) {}
}
