package org.quorate.server.meetings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {

  @Test
  void headingsListsTablesBoldAndLinksRender() {
    String html = MarkdownHtml.render("# Minutes\n\n- one **two**\n- [MP210 room](/rooms/7)\n\n| A | B |\n| --- | --- |\n| 1 | x \\| y |\n\nA paragraph\ncontinues.\n");
    assertThat(html).isEqualTo("<h1>Minutes</h1>\n<ul>\n<li>one <strong>two</strong></li>\n<li><a href=\"/rooms/7\">MP210 room</a></li>\n</ul>\n"
        + "<table>\n<tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>x | y</td></tr>\n</table>\n<p>A paragraph continues.</p>\n");
  }

  @Test
  void rawHtmlAndScriptsAreShownAsTextNeverAsMarkup() {
    String html = MarkdownHtml.render("Hello <script>alert('x')</script> & <img src=x onerror=alert(1)>");
    assertThat(html).doesNotContain("<script").doesNotContain("<img").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img");
  }

  @Test
  void onlyHttpAndSiteRelativeLinksBecomeLinks() {
    assertThat(MarkdownHtml.render("[click](javascript:alert(1))")).doesNotContain("<a ").contains("[click](javascript:alert(1))");
    assertThat(MarkdownHtml.render("[x](data:text/html,hi)")).doesNotContain("<a ");
    assertThat(MarkdownHtml.render("[x](https://example.org/a?b=1&c=2)")).contains("<a href=\"https://example.org/a?b=1&amp;c=2\">x</a>");
    assertThat(MarkdownHtml.render("[x](/rooms/1\"onmouseover=\"alert(1))")).doesNotContain("<a ");
  }

  @Test
  void backslashEscapesAreLiteralAndUnbalancedBoldIsClosed() {
    assertThat(MarkdownHtml.render("\\*not bold\\* \\[not a link\\](/x) **open")).isEqualTo("<p>*not bold* [not a link](/x) <strong>open</strong></p>\n");
  }

  @Test
  void aDocumentEscapesItsTitle() {
    assertThat(MarkdownHtml.document("<b>T</b>", "x")).contains("<title>&lt;b&gt;T&lt;/b&gt;</title>").startsWith("<!DOCTYPE html>");
  }
}
