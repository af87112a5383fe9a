package org.quorate.server.decisions.rules;

/**
 * A rules file that cannot be used. Thrown at start-up so a bad edit stops the server with the file
 * and the field named, instead of deciding anything under rules nobody wrote.
 */
public final class InvalidRulesException extends RuntimeException {
  private final String file;
  private final String field;

  public InvalidRulesException(String file, String field, String problem, Throwable cause) {
    super(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem, cause);
    this.file = file;
    this.field = field;
  }

  public String file() {
    return file;
  }

  /** The dotted path of the offending field, e.g. {@code quorum.composition[0].at_least}; empty if the whole file. */
  public String field() {
    return field;
  }
}
