package org.quorate.server.meetings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * One uploaded paper file, checked by what its bytes are rather than by its name: a PDF, a Word
 * (DOCX) or Excel (XLSX) document, or UTF-8 plain text or CSV. A declared Content-Type must agree with
 * the content; text is stored as CSV only when declared so (CSV is text by content).
 */
public record PaperUpload(String fileName, String mediaType, byte[] content, String sha256) {
  public static final int MAX_BYTES = 20 * 1024 * 1024;
  public static final String PDF = "application/pdf";
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String TEXT = "text/plain";
  public static final String CSV = "text/csv";
  private static final int MAX_ZIP_ENTRIES = 10_000;

  /** Runs off the event loop: it hashes the whole file and reads a zip's directory. */
  public static PaperUpload of(String fileName, String declaredType, byte[] content) {
    String name = Checks.text(fileName, "file_name", 200);
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"')) {
      throw DomainException.invalid("file_name", "must not contain control characters, slashes or quotes");
    }
    if (content == null || content.length == 0) {
      throw DomainException.invalid("file", "is empty");
    }
    if (content.length > MAX_BYTES) {
      throw DomainException.invalid("file", "must be at most " + MAX_BYTES + " bytes");
    }
    String sniffed = sniff(content);
    if (sniffed == null) {
      throw DomainException.invalid("file", "is not a PDF, Word (DOCX), Excel (XLSX), plain text or CSV file");
    }
    return new PaperUpload(name, agree(sniffed, declared(declaredType)), content, sha256(content));
  }

  private static String declared(String contentType) {
    if (contentType == null) {
      return null;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.isEmpty() || type.equals("application/octet-stream") ? null : type;
  }

  private static String agree(String sniffed, String declared) {
    if (declared == null) {
      return sniffed;
    }
    if (sniffed.equals(TEXT) && (declared.equals(TEXT) || declared.equals(CSV))) {
      return declared;
    }
    if (!sniffed.equals(declared)) {
      throw DomainException.invalid("file", "was sent as " + declared + " but its content is " + describe(sniffed));
    }
    return sniffed;
  }

  private static String describe(String type) {
    return switch (type) {
      case PDF -> "a PDF";
      case DOCX -> "a Word (DOCX) document";
      case XLSX -> "an Excel (XLSX) workbook";
      default -> "plain text";
    };
  }

  static String sniff(byte[] b) {
    if (startsWith(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return PDF;
    }
    if (startsWith(b, new byte[] {'P', 'K', 3, 4})) {
      return officeKind(b);
    }
    return isText(b) ? TEXT : null;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** An Office Open XML package names its main part's folder: word/ or xl/. Any other zip is refused. */
  private static String officeKind(byte[] b) {
    boolean contentTypes = false;
    String kind = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b))) {
      ZipEntry e;
      for (int n = 0; n < MAX_ZIP_ENTRIES && (e = zip.getNextEntry()) != null; n++) {
        String name = e.getName();
        contentTypes |= name.equals("[Content_Types].xml");
        if (name.startsWith("word/")) {
          kind = kind == null || kind.equals(DOCX) ? DOCX : "mixed";
        } else if (name.startsWith("xl/")) {
          kind = kind == null || kind.equals(XLSX) ? XLSX : "mixed";
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return contentTypes && (DOCX.equals(kind) || XLSX.equals(kind)) ? kind : null;
  }

  /** Strict UTF-8 with no control characters other than tab, line feed, form feed and carriage return. */
  private static boolean isText(byte[] b) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
      return s.chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f);
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
