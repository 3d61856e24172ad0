package dev.connectnow.realtime.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A WebSocket spoken byte by byte, for frames no well-behaved client library will send (bytes that are not UTF-8 in
 * a text frame, reserved bits, an unmasked client frame): the handshake, frames as given, and the server's frames
 * read until its close.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens the socket and completes the upgrade; fails unless the server answers 101. */
    public static RawWebSocket open(int port) {
        try {
            RawWebSocket ws = new RawWebSocket(new Socket("127.0.0.1", port));
            ws.socket.setSoTimeout(20_000);
            String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n" + keyHeader() + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            String head = ws.readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IllegalStateException("upgrade refused: " + head);
            }
            return ws;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's answer to an upgrade request: its status line's code, its header lines and its body. */
    public record Answer(int status, String head, String body) {}

    /** A {@code Sec-WebSocket-Key} header line with a fresh key, as every handshake needs. */
    public static String keyHeader() {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        return "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce);
    }

    /**
     * Sends an upgrade request with these header lines besides {@code Host}, {@code Upgrade} and {@code Connection}
     * and returns the answer: the body follows a refusal, nothing follows a 101.
     */
    public static Answer upgrade(int port, String... headerLines) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            RawWebSocket ws = new RawWebSocket(socket);
            String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + Arrays.stream(headerLines).map(line -> line + "\r\n").collect(Collectors.joining())
                    + "\r\n";
            ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
            ws.out.flush();
            String head = ws.readHead();
            int status = Integer.parseInt(head.substring(9, 12));
            int length = head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .mapToInt(line -> Integer.parseInt(line.substring(15).strip()))
                    .findFirst()
                    .orElse(0);
            byte[] body = new byte[status == 101 ? 0 : length];
            ws.in.readFully(body);
            return new Answer(status, head, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One frame: FIN, the given reserved bits (0–7) and opcode, masked as a client must unless told otherwise. */
    public RawWebSocket send(int opcode, int reservedBits, byte[] payload, boolean masked) {
        return write(0x80 | (reservedBits & 0x7) << 4 | opcode, payload, masked);
    }

    /** One fragment of a message: the first carries the message's opcode, the others {@link #CONTINUATION}. */
    public RawWebSocket sendFragment(int opcode, boolean last, byte[] payload) {
        return write((last ? 0x80 : 0) | opcode, payload, true);
    }

    private RawWebSocket write(int firstByte, byte[] payload, boolean masked) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(firstByte);
            int maskBit = masked ? 0x80 : 0;
            if (payload.length < 126) {
                frame.write(maskBit | payload.length);
            } else {
                frame.write(maskBit | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            if (masked) {
                frame.write(mask);
            }
            for (int i = 0; i < payload.length; i++) {
                frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
            }
            out.write(frame.toByteArray());
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RawWebSocket sendText(byte[] payload) {
        return send(TEXT, 0, payload, true);
    }

    /** The next text frame's payload, skipping nothing else; null when a close or the connection's end comes first. */
    public String nextText() {
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return null;
                }
                byte[] payload = readPayload();
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    return null;
                }
                if (opcode == TEXT) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads the server's frames until its close frame and returns the close code; -1 when the connection ended
     * without one.
     */
    public int awaitCloseCode() {
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return -1;
                }
                byte[] payload = readPayload();
                if ((first & 0x0f) == 0x8) {
                    return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
                }
            }
        } catch (IOException e) {
            return -1;
        }
    }

    private byte[] readPayload() throws IOException {
        int length = in.readUnsignedByte() & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = Math.toIntExact(in.readLong());
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed during the handshake: " + head);
            }
            head.append((char) next);
        }
        return head.toString();
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
