package dev.troupe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.troupe.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test server-sent events client: reads the stream on a virtual thread into a queue of messages. */
final class SseClient implements AutoCloseable {
    /** One SSE message: its id (or null), event name (or null), data and comment lines. */
    record Message(String id, String event, String data, List<String> comments) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    static SseClient open(TestServer t, String pathAndQuery, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(t.uri(pathAndQuery)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return new SseClient(t.http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = new StringBuilder();
        List<String> comments = new ArrayList<>();
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    messages.add(new Message(id, event, data.toString(), List.copyOf(comments)));
                    id = null;
                    event = null;
                    data.setLength(0);
                    comments.clear();
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else if (line.startsWith("id: ")) {
                    id = line.substring("id: ".length());
                } else if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            // Closed under the reader: by the server, or by close() before the first line was read.
            messages.add(new Message(null, "(closed)", "", List.of(String.valueOf(e))));
            return;
        }
        messages.add(new Message(null, "(closed)", "", List.of()));
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("content-type").orElse("");
    }

    /** The next message; fails if none arrives within 10 s. */
    Message next() {
        try {
            Message message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("an SSE message within 10 s").isNotNull();
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next message carrying an event, skipping comments. */
    Message nextEvent() {
        while (true) {
            Message message = next();
            if (message.event() != null) {
                return message;
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
