package org.quorate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.quorate.server.testing.DemoServer;
import org.quorate.server.testing.TestServer;

/**
 * The web client when the server answers but its store does not (WebSocket {@code unavailable},
 * REST 503): it says the store is unreachable and retries, and never signs the user out. Run in
 * the real browser engine on the very modules the server serves, with the socket and fetch
 * standing in for a server whose store is down.
 */
@DemoServer
class StoreUnreachableBrowserIT {
  @RegisterExtension
  static final Browsers browsers = new Browsers();

  static TestServer server;

  private Object run(String body) {
    Browser b = browsers.launch("store", server.baseUrl()).open("/");
    b.await(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    Object result = b.driver().executeAsyncScript(
        "const done = arguments[arguments.length - 1];"
            + "const until = async (test) => { for (let i = 0; i < 300 && !test(); i++) await new Promise(r => setTimeout(r, 20)); };"
            + "Promise.all([import('/js/protocol/client.js'), import('/js/api.js'), import('/js/store.js'),"
            + " import('/js/views/connection-banner.js')]).then(async ([client, api, store, banner]) => { " + body + " })"
            + ".then(done, e => done('FAILED: ' + e + ' ' + e.stack));");
    assertThat(String.valueOf(result)).doesNotStartWith("FAILED");
    return result;
  }

  @Test
  void aCommandAnsweredUnavailableIsResentWithItsIdAndTheSessionAndSubscriptionAreKept() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run(String.join("\n",
        "class FakeSocket { constructor(url) { this.sent = []; this.readyState = 0; FakeSocket.last = this;",
        "  setTimeout(() => { this.readyState = 1; this.onopen(); }, 0); }",
        "  send(t) { this.sent.push(JSON.parse(t)); } close() { this.readyState = 3; } }",
        "FakeSocket.OPEN = 1; window.WebSocket = FakeSocket;",
        "const c = new client.QuorateClient({ url: 'ws://test/ws', token: 't' });",
        "const reachable = []; let signedOut = false;",
        "c.on('store', (e) => reachable.push(e.reachable)); c.on('signed_out', () => { signedOut = true; });",
        "c.start();",
        "await until(() => FakeSocket.last && FakeSocket.last.sent.length === 1);",
        "const s = FakeSocket.last;",
        "const say = (e) => s.onmessage({ data: JSON.stringify(e) });",
        "say({ type: 'welcome', protocol_version: 1, user: { id: 1, display_name: 'A' }, server_time: '2026-01-01T00:00:00Z' });",
        "let subscriptionFailed = false; c.on('subscription_failed', () => { subscriptionFailed = true; });",
        "c.subscribe(1, { sinceSeq: () => 6 });",
        "say({ type: 'error', id: s.sent[s.sent.length - 1].id, code: 'unavailable', message: 'the store is unavailable' });",
        "await until(() => s.sent.filter((x) => x.type === 'subscribe').length === 2);",
        "const resubscribedFrom = s.sent.filter((x) => x.type === 'subscribe')[1].since_seq;",
        "const reply = c.request({ type: 'post_message', room: 1, body: 'hello' });",
        "const id = s.sent[s.sent.length - 1].id;",
        "say({ type: 'error', id, code: 'unavailable', message: 'the store is unavailable; retry later' });",
        "await until(() => s.sent.filter((x) => x.id === id).length === 2);",
        "say({ type: 'ack', id, room: 1, seq: 7, message_id: 3, duplicate: false });",
        "const ack = await reply;",
        "c.stop();",
        "return { reachable, signedOut, subscriptionFailed, resubscribedFrom, sentWithId: s.sent.filter((x) => x.id === id).length, ackSeq: ack.seq,",
        "  state: c.state === 'stopped' };"));

    assertThat(r.get("signedOut")).isEqualTo(false);
    assertThat(r.get("reachable")).isEqualTo(List.of(false, false, true));
    assertThat(r.get("subscriptionFailed")).as("the room stays subscribed and is asked for again").isEqualTo(false);
    assertThat(r.get("resubscribedFrom")).isEqualTo(6L);
    assertThat(r.get("sentWithId")).as("the same command, with the same id, went again").isEqualTo(2L);
    assertThat(r.get("ackSeq")).isEqualTo(7L);
  }

  @Test
  void aRest503IsTheStoreNotASignOutAndTheBannerSaysStoreUnreachableRetrying() {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) run(String.join("\n",
        "window.fetch = async () => new Response(JSON.stringify({ error: 'unavailable', message: 'the store is unavailable; retry later' }),",
        "  { status: 503, headers: { 'Content-Type': 'application/json' } });",
        "let signedOut = false; const reachable = [];",
        "const a = new api.Api('t', () => { signedOut = true; }, (ok) => reachable.push(ok));",
        "let code = null; try { await a.get('/api/rooms'); } catch (e) { code = e.code; }",
        "const st = new store.Store({ id: 1 });",
        "st.setConnection({ state: 'online' });",
        "const b = new banner.ConnectionBanner({ store: st, client: { retryNow() {} } });",
        "const hiddenWhileFine = b.el.hidden;",
        "st.setConnection({ storeDown: true, pending: 1 });",
        "const text = b.el.textContent; const hiddenWhileDown = b.el.hidden;",
        "b.destroy();",
        "return { signedOut, reachable, code, hiddenWhileFine, hiddenWhileDown, text };"));

    assertThat(r.get("code")).isEqualTo("unavailable");
    assertThat(r.get("signedOut")).isEqualTo(false);
    assertThat(r.get("reachable")).isEqualTo(List.of(false));
    assertThat(r.get("hiddenWhileFine")).isEqualTo(true);
    assertThat(r.get("hiddenWhileDown")).isEqualTo(false);
    assertThat((String) r.get("text")).startsWith("Store unreachable, retrying. You are still signed in.")
        .contains("1 unsent change waits");
  }
}
