package org.quorate.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** A test whose client saw traffic the documents forbid fails, naming it, with no annotation of its own. */
class ContractExtensionTest {

  /** Run only by the launcher below (surefire and failsafe skip nested classes). */
  static class SeesAnUndocumentedFrame {
    @Test
    void receivesAnErrorWithAnUndocumentedCode() throws Exception {
      Contract.get().serverFrame(new ObjectMapper().readTree(
          "{\"type\": \"error\", \"id\": \"c1\", \"code\": \"teapot\", \"message\": \"x\", \"field\": null}"));
    }

    @Test
    void receivesADocumentedWelcome() throws Exception {
      Contract.get().serverFrame(new ObjectMapper().readTree(
          "{\"type\": \"welcome\", \"protocol_version\": 1, \"user\": {\"id\": 1, \"display_name\": \"Ada\"}, "
              + "\"server_time\": \"2026-03-02T09:14:05.482Z\"}"));
    }
  }

  @Test
  void theTestThatSawTheMismatchFailsWithTheMessageTypePathAndErrorAndTheOtherPasses() {
    Launcher launcher = LauncherFactory.create(LauncherConfig.builder().build());
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(SeesAnUndocumentedFrame.class))
        .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true").build(), listener);
    TestExecutionSummary summary = listener.getSummary();

    assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    assertThat(summary.getFailures()).singleElement().satisfies(f -> {
      assertThat(f.getTestIdentifier().getDisplayName()).startsWith("receivesAnErrorWithAnUndocumentedCode");
      assertThat(f.getException().getMessage()).contains("break the published contract", "server frame error at $.code", "teapot");
    });
  }
}
