package org.quorate.server.config;

/** A configuration problem reported to the operator as one line, with exit code 2. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
