package org.quorate.server.email;

import java.util.Set;
import org.quorate.server.domain.Checks;
import org.quorate.server.domain.DomainException;

/**
 * What a user wants by email: {@code immediate} (mentions, a decision needing their ballot, closing
 * reminders, a chair's ruling about them, each as it happens), {@code digest} (once a day, what
 * happened in the rooms they follow) or {@code none}. {@code enabled} says whether this server sends
 * email at all.
 */
public record EmailPreference(boolean enabled, String address, String mode) {
  public static final Set<String> MODES = Set.of("immediate", "digest", "none");

  /** What the client sends to change it. */
  public record Input(String address, String mode) {
    public Input {
      Checks.required(mode, "mode");
      if (!MODES.contains(mode)) {
        throw DomainException.invalid("mode", "must be immediate, digest or none");
      }
      address = address == null || address.isBlank() ? null : Checks.text(address.trim(), "address", 254);
      if (address != null && !address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw DomainException.invalid("address", "is not an email address");
      }
      if (address == null && !mode.equals("none")) {
        throw DomainException.invalid("address", "is needed to receive email");
      }
    }
  }
}
