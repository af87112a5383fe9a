package org.quorate.server.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Lists a router's routes with their methods, descending into sub-routers. Path parameters are
 * written OpenAPI-style ({@code :id} becomes {@code {id}}). Handlers that match every path (body
 * handling, authentication, the static web client, the catch-alls) are not routes of the API.
 */
final class RouteTable {
  private RouteTable() {}

  static List<String> of(Router router) {
    TreeSet<String> out = new TreeSet<>();
    collect(router, "", out);
    return new ArrayList<>(out);
  }

  private static void collect(Router router, String prefix, TreeSet<String> out) {
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null) {
        continue;
      }
      if (route.getSubRouter() != null) {
        collect(route.getSubRouter(), prefix + path.replaceFirst("/\\*?$", ""), out);
        continue;
      }
      String openApiPath = prefix + path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      if (route.methods() == null || route.methods().isEmpty()) {
        out.add("ANY " + openApiPath);
      } else {
        for (HttpMethod method : route.methods()) {
          out.add(method.name() + " " + openApiPath);
        }
      }
    }
  }
}
