package org.quorate.server.gateway;

import io.vertx.core.Future;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.quorate.protocol.ClientCommand;

/**
 * The handler for every client command type. Features register theirs at wiring time;
 * {@link #missing()} lists any command type without a handler, and a test keeps it empty, which is
 * how we get an exhaustive dispatch on Java 17 (no pattern-matching switch).
 */
public final class CommandHandlers {
  private final Map<Class<?>, BiFunction<Connection, ClientCommand, Future<?>>> handlers = new HashMap<>();

  @SuppressWarnings("unchecked")
  public <T extends ClientCommand> CommandHandlers on(Class<T> type, BiFunction<Connection, T, Future<?>> handler) {
    if (handlers.put(type, (c, cmd) -> handler.apply(c, (T) cmd)) != null) {
      throw new IllegalStateException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  Future<?> handle(Connection connection, ClientCommand command) {
    BiFunction<Connection, ClientCommand, Future<?>> handler = handlers.get(command.getClass());
    if (handler == null) {
      throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
    }
    return handler.apply(connection, command);
  }

  /** The command types that have a handler, so the access matrix can hold its rows to what is served. */
  public List<Class<?>> handled() {
    return List.copyOf(handlers.keySet());
  }

  public List<String> missing() {
    return concreteCommands(ClientCommand.class).filter(c -> !handlers.containsKey(c)).map(Class::getSimpleName).toList();
  }

  /** Concrete command records, looking through sealed sub-interfaces such as DecisionCommand. */
  private static java.util.stream.Stream<Class<?>> concreteCommands(Class<?> type) {
    return Arrays.stream(type.getPermittedSubclasses())
        .flatMap(c -> c.isInterface() ? concreteCommands(c) : java.util.stream.Stream.of(c));
  }
}
