package org.quorate.server.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reassembles messages from WebSocket frames. Text must be valid UTF-8 (RFC 6455 §8.1): Vert.x's
 * own text handler would quietly substitute U+FFFD and let the damaged text be stored, so invalid
 * text closes the connection with 1007 instead. Binary messages are not part of the protocol.
 */
final class IncomingMessages implements Handler<WebSocketFrame> {
  static final short INVALID_PAYLOAD = 1007;

  /** How a message ends the connection: a close code and a reason. */
  interface Closer {
    void close(short code, String reason);
  }

  private final int maxBytes;
  private final Consumer<String> onText;
  private final Runnable onBinary;
  private final Closer closer;
  private Buffer partial;
  private boolean text;

  IncomingMessages(int maxBytes, Consumer<String> onText, Runnable onBinary, Closer closer) {
    this.maxBytes = maxBytes;
    this.onText = onText;
    this.onBinary = onBinary;
    this.closer = closer;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      partial = Buffer.buffer();
      text = frame.isText();
    } else if (!frame.isContinuation() || partial == null) {
      return;
    }
    partial.appendBuffer(frame.binaryData());
    if (partial.length() > maxBytes) {
      partial = null;
      closer.close(Session.TOO_BIG, "message too big");
      return;
    }
    if (!frame.isFinal()) {
      return;
    }
    Buffer whole = partial;
    partial = null;
    if (!text) {
      onBinary.run();
      return;
    }
    try {
      onText.accept(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(whole.getBytes()))
          .toString());
    } catch (CharacterCodingException e) {
      closer.close(INVALID_PAYLOAD, "text is not valid UTF-8");
    }
  }
}
