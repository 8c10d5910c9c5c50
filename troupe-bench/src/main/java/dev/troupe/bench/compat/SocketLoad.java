package dev.troupe.bench.compat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A closed-loop WebSocket load: one connection per URI, each sending its next message as soon as the
 * answer to the previous one arrived (a message {@code answered} accepts; others, such as v1's welcome,
 * are skipped). {@link #perSecond} measures answers per second over a window. One use per window set.
 */
final class SocketLoad implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<WebSocket> sockets = new ArrayList<>();
    private final LongAdder answers = new LongAdder();
    private volatile boolean running = true;

    /**
     * Opens the connections, offering {@code subprotocols} (none if empty), and starts each loop once
     * {@code ready} accepts a first message (Actor Kit's initial snapshot, RivetKit's {@code Init}), or
     * at once when {@code ready} is null (v1, which sends its welcome with its answer to the first frame).
     */
    SocketLoad(List<URI> uris, List<String> subprotocols, Supplier<String> message, @Nullable Predicate<String> ready,
            Predicate<String> answered) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (URI uri : uris) {
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(WAIT);
            if (!subprotocols.isEmpty()) {
                builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
            }
            sockets.add(builder.buildAsync(uri, new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public void onOpen(WebSocket socket) {
                    if (ready == null) {
                        socket.sendText(message.get(), true);
                    }
                    socket.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        boolean answer = answered.test(text);
                        if (answer) {
                            answers.increment();
                        }
                        if (running && (answer || ready != null && ready.test(text))) {
                            socket.sendText(message.get(), true);
                        }
                    }
                    socket.request(1);
                    return null;
                }
            }).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** Answers per second over {@code window}, after {@code settle}. */
    double perSecond(Duration settle, Duration window) throws InterruptedException {
        Thread.sleep(settle);
        long before = answers.sum();
        long start = System.nanoTime();
        Thread.sleep(window);
        return (answers.sum() - before) / ((System.nanoTime() - start) / 1e9);
    }

    @Override
    public void close() {
        running = false;
        sockets.forEach(socket -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
    }
}
