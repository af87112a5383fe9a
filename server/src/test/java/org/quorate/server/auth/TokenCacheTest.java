package org.quorate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quorate.server.domain.Role;

class TokenCacheTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final TokenCache cache = new TokenCache(now::get);

  private static AuthService.Authenticated penny(long expiresAtMillis) {
    return new AuthService.Authenticated(new Principal(7, "penny", "Penny Pennine", 3L, EnumSet.of(Role.MEMBER)),
        Instant.ofEpochMilli(expiresAtMillis));
  }

  @Test
  void aLiveTokenIsServedUntilItExpiresAndNotAMomentLonger() {
    cache.put("t", penny(now.get() + 5_000), cache.forgets());
    assertThat(cache.get("t")).isNotNull();
    now.addAndGet(4_999);
    assertThat(cache.get("t")).isNotNull();
    now.addAndGet(1);
    assertThat(cache.get("t")).isNull();
  }

  @Test
  void aTokenLongFromExpiryIsStillLookedUpAgainAfterTheMaximumAge() {
    cache.put("t", penny(now.get() + 86_400_000), cache.forgets());
    now.addAndGet(TokenCache.MAX_AGE.toMillis());
    assertThat(cache.get("t")).isNull();
  }

  @Test
  void aRevokedTokenAndEveryTokenOfAChangedUserAreForgotten() {
    cache.put("a", penny(now.get() + 60_000), cache.forgets());
    cache.put("b", penny(now.get() + 60_000), cache.forgets());
    cache.forgetToken("a");
    assertThat(cache.get("a")).isNull();
    assertThat(cache.get("b")).isNotNull();
    cache.forgetUser(7);
    assertThat(cache.get("b")).isNull();
  }

  @Test
  void aLookupThatBeganBeforeARevocationDoesNotPutTheTokenBack() {
    long before = cache.forgets();
    cache.forgetUser(7);
    cache.put("t", penny(now.get() + 60_000), before);
    assertThat(cache.get("t")).isNull();
  }

  @Test
  void theCacheStaysWithinItsBound() {
    for (int i = 0; i <= TokenCache.MAX_ENTRIES; i++) {
      cache.put("t" + i, penny(now.get() + 60_000), cache.forgets());
    }
    assertThat(cache.size()).isLessThanOrEqualTo(TokenCache.MAX_ENTRIES);
    assertThat(cache.get("t" + TokenCache.MAX_ENTRIES)).isNotNull();
  }
}
