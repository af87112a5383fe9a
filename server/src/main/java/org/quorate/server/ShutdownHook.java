package org.quorate.server;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The JVM shutdown hook (SIGTERM, Ctrl-C) that stops a server. Installed as soon as there is
 * something to stop (the embedded PostgreSQL is a separate process that would otherwise outlive
 * us), and pointed at the whole server once it runs, so shutdown always happens in order: HTTP
 * first, then the store.
 */
final class ShutdownHook {
  private final AtomicReference<Runnable> action;
  private final Thread thread;

  private ShutdownHook(Runnable action) {
    this.action = new AtomicReference<>(action);
    this.thread = new Thread(() -> this.action.get().run(), "quorate-shutdown");
  }

  static ShutdownHook install(Runnable action) {
    ShutdownHook hook = new ShutdownHook(action);
    Runtime.getRuntime().addShutdownHook(hook.thread);
    return hook;
  }

  void replaceAction(Runnable newAction) {
    action.set(newAction);
  }

  /** Called after an orderly stop; a no-op when the JVM is already shutting down. */
  void uninstall() {
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(thread);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to; it finds the server already stopped.
    }
  }
}
