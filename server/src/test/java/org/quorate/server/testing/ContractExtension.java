package org.quorate.server.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test (or, for what {@code @BeforeAll}/{@code @AfterAll} saw, the class) in which a
 * shared test client saw a frame or an answer the published documents do not allow; see
 * {@link Contract}. Registered for every test class through JUnit's extension auto-detection
 * ({@code META-INF/services}), so no integration test can opt out by forgetting an annotation.
 */
public final class ContractExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    // Whatever an earlier class left behind (a late frame on a closing socket) is not this class's.
    Contract.drainIfUsed();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    fail(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    fail(context);
  }

  private static void fail(ExtensionContext context) {
    List<String> violations = Contract.drainIfUsed();
    if (!violations.isEmpty()) {
      throw new AssertionError(context.getDisplayName() + ": " + violations.size()
          + " frame(s) or answer(s) break the published contract (asyncapi.yaml / openapi.yaml):\n  - "
          + String.join("\n  - ", violations));
    }
  }
}
