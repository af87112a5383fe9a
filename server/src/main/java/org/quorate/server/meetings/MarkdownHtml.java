package org.quorate.server.meetings;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Renders the Markdown subset the minutes use (headings, bullet lists, pipe tables, paragraphs,
 * {@code **bold**}, links, backslash escapes) as HTML. Safe by construction: every character of the
 * input is HTML-escaped, the only tags are the ones emitted here, and a link is made only for an
 * http(s) or site-relative URL; anything else stays visible text. A chair's hand-edited draft goes
 * through the same path, so editing cannot smuggle markup in.
 */
public final class MarkdownHtml {
  private static final Pattern SAFE_URL = Pattern.compile("(https?://|/)[^\\s<>\"'`\\\\]*");
  private static final Pattern TABLE_SEPARATOR = Pattern.compile("\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?");
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private MarkdownHtml() {}

  /** A standalone HTML document (UTF-8) with the rendered Markdown as its body. */
  public static String document(String title, String markdown) {
    return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
        + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}</style>\n"
        + "</head>\n<body>\n" + render(markdown) + "</body>\n</html>\n";
  }

  public static String render(String markdown) {
    List<String> lines = markdown.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
    StringBuilder out = new StringBuilder();
    List<String> paragraph = new ArrayList<>();
    boolean inList = false;
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String trimmed = line.strip();
      boolean listItem = trimmed.startsWith("- ") || trimmed.startsWith("* ");
      if (trimmed.isEmpty() || listItem || heading(trimmed) > 0 || trimmed.startsWith("|")) {
        flush(out, paragraph);
      }
      if (inList && !listItem) {
        out.append("</ul>\n");
        inList = false;
      }
      if (trimmed.isEmpty()) {
        i++;
      } else if (heading(trimmed) > 0) {
        int level = heading(trimmed);
        out.append("<h").append(level).append('>').append(inline(trimmed.substring(level).strip())).append("</h").append(level).append(">\n");
        i++;
      } else if (listItem) {
        if (!inList) {
          out.append("<ul>\n");
          inList = true;
        }
        out.append("<li>").append(inline(trimmed.substring(2).strip())).append("</li>\n");
        i++;
      } else if (trimmed.startsWith("|")) {
        int end = i;
        while (end < lines.size() && lines.get(end).strip().startsWith("|")) {
          end++;
        }
        table(out, lines.subList(i, end));
        i = end;
      } else {
        paragraph.add(trimmed);
        i++;
      }
    }
    flush(out, paragraph);
    if (inList) {
      out.append("</ul>\n");
    }
    return out.toString();
  }

  private static int heading(String line) {
    int level = 0;
    while (level < line.length() && level < 6 && line.charAt(level) == '#') {
      level++;
    }
    return level > 0 && level < line.length() && line.charAt(level) == ' ' ? level : 0;
  }

  private static void flush(StringBuilder out, List<String> paragraph) {
    if (!paragraph.isEmpty()) {
      out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
      paragraph.clear();
    }
  }

  private static void table(StringBuilder out, List<String> rows) {
    boolean header = rows.size() > 1 && TABLE_SEPARATOR.matcher(rows.get(1).strip()).matches();
    out.append("<table>\n");
    for (int r = 0; r < rows.size(); r++) {
      if (header && r == 1) {
        continue;
      }
      String tag = header && r == 0 ? "th" : "td";
      out.append("<tr>");
      for (String cell : cells(rows.get(r).strip())) {
        out.append('<').append(tag).append('>').append(inline(cell)).append("</").append(tag).append('>');
      }
      out.append("</tr>\n");
    }
    out.append("</table>\n");
  }

  /** Splits a table row on unescaped pipes, dropping the empty cells outside the outer pipes. */
  static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    for (int i = 0; i < row.length(); i++) {
      char c = row.charAt(i);
      if (c == '\\' && i + 1 < row.length()) {
        cell.append(c).append(row.charAt(++i));
      } else if (c == '|') {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().strip());
    if (!cells.isEmpty() && cells.get(0).isEmpty()) {
      cells.remove(0);
    }
    if (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
      cells.remove(cells.size() - 1);
    }
    return cells;
  }

  static String inline(String text) {
    StringBuilder out = new StringBuilder();
    boolean strong = false;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && PUNCTUATION.indexOf(text.charAt(i + 1)) >= 0) {
        out.append(escape(String.valueOf(text.charAt(i + 1))));
        i += 2;
      } else if (text.startsWith("**", i)) {
        out.append(strong ? "</strong>" : "<strong>");
        strong = !strong;
        i += 2;
      } else if (c == '[') {
        int after = link(text, i, out);
        if (after > i) {
          i = after;
        } else {
          out.append('[');
          i++;
        }
      } else {
        out.append(escape(String.valueOf(c)));
        i++;
      }
    }
    if (strong) {
      out.append("</strong>");
    }
    return out.toString();
  }

  /** Appends {@code [text](url)} starting at {@code start} as a link; returns the index after it, or {@code start} if none. */
  private static int link(String text, int start, StringBuilder out) {
    int close = start + 1;
    while (close < text.length() && text.charAt(close) != ']') {
      close += text.charAt(close) == '\\' ? 2 : 1;
    }
    if (close + 1 >= text.length() || text.charAt(close + 1) != '(') {
      return start;
    }
    int end = text.indexOf(')', close + 2);
    if (end < 0) {
      return start;
    }
    String url = text.substring(close + 2, end);
    if (!SAFE_URL.matcher(url).matches()) {
      return start;
    }
    out.append("<a href=\"").append(escape(url)).append("\">").append(inline(text.substring(start + 1, close))).append("</a>");
    return end + 1;
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
