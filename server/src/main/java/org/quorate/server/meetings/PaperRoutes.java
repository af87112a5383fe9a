package org.quorate.server.meetings;

import static org.quorate.server.http.Requests.longParam;
import static org.quorate.server.http.Requests.principal;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.BiFunction;
import org.quorate.server.domain.DomainException;
import org.quorate.server.http.BinaryBodies;
import org.quorate.server.http.Responses;
import org.quorate.server.meetings.MeetingViews.PaperView;

/**
 * Paper files over REST: the upload's body is the file itself (its Content-Type declared, its name
 * and title in the query), so {@code curl --data-binary @paper.pdf} uploads one. Downloads are
 * attachments that no browser renders or sniffs.
 */
final class PaperRoutes {
  private static final String UPLOAD = "/meetings/:id/papers/files";
  private static final String REVISE = "/meetings/:id/papers/:paperId/versions";
  private final Meetings m;

  PaperRoutes(Meetings meetings) {
    this.m = meetings;
  }

  /** Uploads may be larger than the API's JSON bodies: they get their own limit, before the general one. */
  void mountUploads(Router api) {
    var files = BinaryBodies.upTo(PaperUpload.MAX_BYTES);
    api.post(UPLOAD).handler(files);
    api.post(REVISE).handler(files);
  }

  void mount(Router api) {
    api.post(UPLOAD).handler(withFile((ctx, file) -> m.papers().upload(principal(ctx), longParam(ctx, "id"),
        ctx.queryParams().get("title"), optionalLong(ctx, "agenda_item_id"), file)));
    api.post(REVISE).handler(withFile((ctx, file) -> m.papers().revise(principal(ctx), longParam(ctx, "id"),
        longParam(ctx, "paperId"), file)));
    api.get("/meetings/:id/papers/:paperId/file").handler(ctx -> send(ctx, null));
    api.get("/meetings/:id/papers/:paperId/versions/:version/file").handler(ctx -> send(ctx, "version"));
  }

  /** Hashing and checking a file of up to 20 MiB would stall the event loop: it runs on a worker. */
  private static Handler<RoutingContext> withFile(BiFunction<RoutingContext, PaperUpload, Future<PaperView>> call) {
    return ctx -> {
      byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
      String name = ctx.queryParams().get("file_name");
      String type = ctx.request().getHeader("Content-Type");
      Responses.created(ctx, ctx.vertx().executeBlocking(() -> PaperUpload.of(name, type, bytes), false)
          .compose(file -> call.apply(ctx, file)));
    };
  }

  private void send(RoutingContext ctx, String versionParam) {
    Future<PaperStore.Content> f;
    try {
      Integer version = versionParam == null ? null : Math.toIntExact(longParam(ctx, versionParam));
      f = m.papers().download(principal(ctx), longParam(ctx, "id"), longParam(ctx, "paperId"), version);
    } catch (RuntimeException e) {
      ctx.fail(e instanceof ArithmeticException ? DomainException.invalid(versionParam, "must be a whole number") : e);
      return;
    }
    f.onSuccess(c -> ctx.response()
            .putHeader("Content-Type", c.mediaType().startsWith("text/") ? c.mediaType() + "; charset=utf-8" : c.mediaType())
            .putHeader("Content-Disposition", attachment(c.fileName()))
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("ETag", "\"" + c.sha256() + "\"")
            .putHeader("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(c.sha256())) + ":")
            .end(c.bytes()))
        .onFailure(ctx::fail);
  }

  /** RFC 6266: an ASCII fallback name and the exact UTF-8 name. Stored names hold no quotes or control characters. */
  static String attachment(String fileName) {
    String ascii = fileName.replaceAll("[^\\x20-\\x7e]", "_");
    String exact = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
  }

  private static Long optionalLong(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw DomainException.invalid(name, "must be a whole number");
    }
  }
}
