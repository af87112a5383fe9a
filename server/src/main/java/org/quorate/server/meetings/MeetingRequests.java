package org.quorate.server.meetings;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/** Request bodies of the meetings REST API; each validates itself and names a bad field. */
public final class MeetingRequests {
  private MeetingRequests() {}

  static String oneOf(String value, Set<String> allowed, String field) {
    Checks.required(value, field);
    if (!allowed.contains(value)) {
      throw DomainException.invalid(field, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  static String modification(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    String upper = id.strip().toUpperCase();
    if (!upper.matches("(MP|DP)[0-9]{1,5}[A-Z]?")) {
      throw DomainException.invalid("modification_id", "must look like MP123 or DP123");
    }
    return upper;
  }

  /** {@code position} 1 = first; null = at the end. */
  public record AgendaInput(String title, String modificationId, Integer position) {
    public AgendaInput {
      title = Checks.text(title, "title", 300);
      modificationId = modification(modificationId);
      if (position != null && position < 1) {
        throw DomainException.invalid("position", "must be at least 1");
      }
    }
  }

  public record MeetingInput(Long bodyId, String title, Instant scheduledStart, List<AgendaInput> agenda) {
    public MeetingInput {
      Checks.required(bodyId, "body_id");
      title = Checks.text(title, "title", 300);
      Checks.required(scheduledStart, "scheduled_start");
      if (agenda != null && agenda.stream().anyMatch(java.util.Objects::isNull)) {
        throw DomainException.invalid("agenda", "items must not be null");
      }
      agenda = agenda == null ? List.of() : List.copyOf(agenda);
      if (agenda.size() > 100) {
        throw DomainException.invalid("agenda", "at most 100 items");
      }
    }
  }

  public record MeetingUpdate(String title, Instant scheduledStart) {
    public MeetingUpdate {
      title = Checks.text(title, "title", 300);
      Checks.required(scheduledStart, "scheduled_start");
    }
  }

  /** Metadata of an uploaded file (the file itself is kept by the document store, not Quorate). */
  public record FileInput(String name, String mediaType, Long sizeBytes, String sha256) {
    public FileInput {
      name = Checks.text(name, "file.name", 300);
      mediaType = Checks.text(mediaType, "file.media_type", 100);
      if (sizeBytes == null || sizeBytes < 0) {
        throw DomainException.invalid("file.size_bytes", "is required and must not be negative");
      }
      if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
        throw DomainException.invalid("file.sha256", "must be 64 lower-case hex digits");
      }
    }
  }

  /** A link or a file; {@code published_at} defaults to now. */
  public record PaperInput(String title, String url, FileInput file, Long agendaItemId, Instant publishedAt) {
    public PaperInput {
      title = Checks.text(title, "title", 300);
      if ((url == null) == (file == null)) {
        throw DomainException.invalid("url", "give either a url or a file");
      }
      if (url != null && (url.length() > 2000 || !url.matches("https?://[^\\s<>\"'`\\\\]+"))) {
        throw DomainException.invalid("url", "must be an http or https address");
      }
    }
  }

  public record RoleInput(String role) {
    public RoleInput {
      oneOf(role, Set.of("co_chair", "minute_taker"), "role");
    }
  }

  public record DelegateInput(Long principalUserId, Long delegateUserId, String kind) {
    public DelegateInput {
      Checks.required(principalUserId, "principal_user_id");
      Checks.required(delegateUserId, "delegate_user_id");
      oneOf(kind, Set.of("alternate", "proxy"), "kind");
      if (principalUserId.equals(delegateUserId)) {
        throw DomainException.invalid("delegate_user_id", "must differ from the principal");
      }
    }
  }

  public record ActionUpdateInput(String status, String note) {
    public ActionUpdateInput {
      oneOf(status, Set.of("open", "done", "dropped"), "status");
      if (note != null && note.length() > 2000) {
        throw DomainException.invalid("note", "must be at most 2000 characters");
      }
    }
  }

  public record MinutesInput(String markdown) {
    public MinutesInput {
      Checks.required(markdown, "markdown");
      if (markdown.length() > 200_000) {
        throw DomainException.invalid("markdown", "must be at most 200000 characters");
      }
    }
  }
}
