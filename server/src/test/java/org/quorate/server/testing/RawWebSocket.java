package org.quorate.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket, for frames a well-behaved client library refuses to send:
 * text that is not UTF-8, control frames over 125 bytes. It writes frames byte by byte (masked, as
 * a client must) and reads until the server's close frame.
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int PING = 0x9;

  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.in = new DataInputStream(socket.getInputStream());
  }

  /** Opens {@code /ws} with a bearer token and completes the upgrade. */
  public static RawWebSocket connect(int port, String token) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
      RawWebSocket ws = new RawWebSocket(socket);
      byte[] nonce = new byte[16];
      ThreadLocalRandom.current().nextBytes(nonce);
      String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n"
          + "Authorization: Bearer " + token + "\r\n\r\n";
      ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
      ws.out.flush();
      String status = ws.readHeaders();
      if (!status.contains(" 101 ")) {
        throw new IllegalStateException("upgrade refused: " + status);
      }
      return ws;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the upgrade");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
  }

  /** Writes one masked frame with the given opcode and payload. */
  public void send(int opcode, byte[] payload) {
    try {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(0x80 | opcode);
      if (payload.length <= 125) {
        frame.write(0x80 | payload.length);
      } else if (payload.length <= 0xFFFF) {
        frame.write(0x80 | 126);
        frame.write(payload.length >>> 8);
        frame.write(payload.length & 0xFF);
      } else {
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) (((long) payload.length >>> shift) & 0xFF));
        }
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      frame.write(mask);
      for (int i = 0; i < payload.length; i++) {
        frame.write(payload[i] ^ mask[i % 4]);
      }
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads frames until the server closes; returns the close code, or -1 if the connection ended
   * without a close frame.
   */
  public int awaitCloseCode() {
    try {
      while (true) {
        int first = in.read();
        if (first < 0) {
          return -1;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if ((first & 0x0F) == 0x8) {
          return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
      }
    } catch (EOFException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
  }
}
