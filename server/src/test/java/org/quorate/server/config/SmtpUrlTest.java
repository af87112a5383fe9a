package org.quorate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpUrlTest {

  @Test
  void withoutAnSmtpUrlEmailIsOff() {
    assertThat(ServerConfig.parse(new String[0], Map.of()).smtp()).isEmpty();
  }

  @Test
  void anSmtpUrlGivesHostPortStartTlsCredentialsAndSenderAndItsPrintedFormHidesThePassword() {
    ServerConfig c = ServerConfig.parse(new String[0], Map.of("QUORATE_SMTP_URL",
        "smtp://mailer:s%40cret@mail.example.org:587?starttls=required&from=quorate@example.org",
        "QUORATE_PUBLIC_URL", "https://quorate.example.org/"));
    SmtpUrl s = c.smtp().orElseThrow();
    assertThat(s.host()).isEqualTo("mail.example.org");
    assertThat(s.port()).isEqualTo(587);
    assertThat(s.security()).isEqualTo(SmtpUrl.Security.STARTTLS_REQUIRED);
    assertThat(s.user()).isEqualTo("mailer");
    assertThat(s.password()).isEqualTo("s@cret");
    assertThat(s.from()).isEqualTo("quorate@example.org");
    assertThat(s.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
    assertThat(c.publicUrl()).contains("https://quorate.example.org");
  }

  @Test
  void smtpsMeansTlsFromTheFirstByteOnPort465ByDefault() {
    SmtpUrl s = SmtpUrl.parse("smtps://relay.example.org?from=q@example.org");
    assertThat(s.security()).isEqualTo(SmtpUrl.Security.TLS);
    assertThat(s.port()).isEqualTo(465);
    assertThat(s.user()).isNull();
  }

  @Test
  void aCommandLineSmtpUrlWinsAndMistakesAreOneLineReasons() {
    ServerConfig c = ServerConfig.parse(new String[] {"--smtp-url", "smtp://cli.example.org:25?starttls=disabled&from=a@b.org"},
        Map.of("QUORATE_SMTP_URL", "smtp://env.example.org?from=a@b.org"));
    assertThat(c.smtp().orElseThrow().host()).isEqualTo("cli.example.org");
    assertThat(c.smtp().orElseThrow().security()).isEqualTo(SmtpUrl.Security.NONE);
    assertThatThrownBy(() -> SmtpUrl.parse("http://mail.example.org?from=a@b.org")).hasMessageContaining("smtp://");
    assertThatThrownBy(() -> SmtpUrl.parse("smtp://mail.example.org")).hasMessageContaining("from=");
    assertThatThrownBy(() -> SmtpUrl.parse("smtp://mail.example.org?from=a@b.org&starttls=maybe"))
        .hasMessageContaining("required, optional or disabled");
    assertThatThrownBy(() -> ServerConfig.parse(new String[] {"--public-url", "quorate.example.org"}, Map.of()))
        .hasMessageContaining("--public-url");
  }
}
