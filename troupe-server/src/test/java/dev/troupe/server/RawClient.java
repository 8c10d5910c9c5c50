package dev.troupe.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Speaks raw bytes to the server over one TCP connection and reads answers as {@link TestServer.Reply}s: requests no HTTP client would send (bad
 * versions, raw non-UTF-8 targets, odd transfer codings, incomplete WebSocket handshakes) and
 * WebSocket frames with any payload, such as text that is not UTF-8.
 */
final class RawClient implements AutoCloseable {
    private static final int TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(TIMEOUT_MS);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} as is and reads one answer (the head, then Content-Length bytes). */
    TestServer.Reply exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        return readAnswer();
    }

    private TestServer.Reply readAnswer() throws IOException {
        String status = line();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).getFirst());
        byte[] body = new byte[length];
        in.readFully(body);
        return new TestServer.Reply(Integer.parseInt(status.split(" ")[1]), HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    /** Sends one masked, final WebSocket frame of {@code opcode} (1 text, 2 binary) with {@code payload}. */
    void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** A server frame: its opcode and payload (for a close frame, the code and reason). */
    record Frame(int opcode, byte[] payload) {
        int closeCode() {
            return opcode == 8 && payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : -1;
        }
    }

    /** Reads the next frame the server sends (unmasked, as servers send them). */
    Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0F, payload);
    }

    /** Reads frames until a close frame and answers its code; -1 if the connection just ends. */
    int awaitClose() throws IOException {
        try {
            while (true) {
                Frame frame = readFrame();
                if (frame.opcode() == 8) {
                    return frame.closeCode();
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return -1;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        InputStream stream = in;
        for (int b = stream.read(); b != '\n'; b = stream.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended after " + line.size() + " bytes of a line");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
