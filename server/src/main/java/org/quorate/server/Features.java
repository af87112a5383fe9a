package org.quorate.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.quorate.server.auth.AuthService;
import org.quorate.server.auth.PasswordHasher;
import org.quorate.server.config.ServerConfig;
import org.quorate.server.http.ApiRoutes;
import org.quorate.server.registry.RegistryHooks;
import org.quorate.server.registry.RegistryRoutes;
import org.quorate.server.registry.RegistryService;

/**
 * Every feature's services, built once and shared by all verticles. Adding a feature means adding
 * its service and routes here, nowhere else.
 */
public record Features(AuthService auth, RegistryService registry, List<ApiRoutes> routes) {

  static Features wire(Vertx vertx, Pool pool, ServerConfig config) {
    AuthService auth = new AuthService(vertx, pool, new PasswordHasher(config.passwordIterations()), config.tokenLifetime());
    RegistryService registry = new RegistryService(pool, auth, RegistryHooks.NONE);
    List<ApiRoutes> routes = new ArrayList<>();
    routes.add(new RegistryRoutes(registry));
    return new Features(auth, registry, List.copyOf(routes));
  }

  HttpServerOptions httpOptions() {
    return new HttpServerOptions()
        .setCompressionSupported(true)
        .setIdleTimeout(0);
  }

  void attachWebSockets(HttpServer server) {
    // The WebSocket gateway arrives with the rooms feature.
  }

  Future<Void> shutdown() {
    return Future.succeededFuture();
  }
}
