package dev.troupe.bench.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 keep-alive connection on a blocking socket (plain, or TLS from a socket factory): writes
 * a prebuilt POST and reads the status line, the headers and a {@code Content-Length} or chunked body,
 * skipping it or keeping it. The cheapest load generator the JDK allows, so that the server, not the
 * client, is what a window measures. Not thread-safe.
 */
public final class RawHttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** Connects to {@code address} (plain TCP, 5 s to connect, 30 s to read). */
    public RawHttpConnection(InetSocketAddress address) throws IOException {
        this(address, SocketFactory.getDefault());
    }

    RawHttpConnection(InetSocketAddress address, SocketFactory sockets) throws IOException {
        socket = sockets.createSocket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5_000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = socket.getOutputStream();
    }

    /** The bytes of {@code POST path} with a JSON {@code body}, ready to send. */
    public static byte[] post(InetSocketAddress address, String path, String body) {
        return post(address, path, body, "");
    }

    /** The bytes of {@code POST path} with a JSON {@code body} and {@code headers} (each line ending in CRLF). */
    static byte[] post(InetSocketAddress address, String path, String body, String headers) {
        return post(address.getHostString() + ":" + address.getPort(), path, body, headers);
    }

    /**
     * The bytes of {@code POST path} to {@code host} with a JSON {@code body} and {@code headers}
     * (complete header lines, each ending in CRLF, or empty), ready to send.
     */
    static byte[] post(String host, String path, String body, String headers) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(content, 0, request, headBytes.length, content.length);
        return request;
    }

    /**
     * Sends {@code request} and reads the whole response.
     *
     * @return the status code
     * @throws IOException if the connection fails or the server closes it
     */
    public int exchange(byte[] request) throws IOException {
        return exchange(request, null);
    }

    /**
     * Sends {@code request} and reads the whole response, appending its body to {@code body} if not null.
     *
     * @return the status code
     * @throws IOException if the connection fails or the server closes it
     */
    int exchange(byte[] request, @Nullable ByteArrayOutputStream body) throws IOException {
        out.write(request);
        out.flush();
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP/1.1 response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                consume(size, body);
                line();
            }
            line();
        } else if (length > 0) {
            consume(length, body);
        }
        if (close) {
            throw new IOException("the server closed the connection (status " + code + ")");
        }
        return code;
    }

    private void consume(long bytes, @Nullable ByteArrayOutputStream body) throws IOException {
        if (body != null) {
            byte[] chunk = in.readNBytes(Math.toIntExact(bytes));
            if (chunk.length < bytes) {
                throw new IOException("end of stream in a body");
            }
            body.write(chunk);
            return;
        }
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("end of stream in a body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        for (int c = in.read(); ; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c == '\n') {
                int end = text.length();
                if (end > 0 && text.charAt(end - 1) == '\r') {
                    text.setLength(end - 1);
                }
                return text.toString();
            }
            text.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
