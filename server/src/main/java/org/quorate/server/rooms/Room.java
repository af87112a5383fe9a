package org.quorate.server.rooms;

/** A room as stored. {@code kind} is modification, body, adhoc or direct. */
public record Room(long id, String kind, String name, Classification classification, String modificationId,
    Long bodyId, long lastSeq) {

  public boolean isDirect() {
    return "direct".equals(kind);
  }
}
