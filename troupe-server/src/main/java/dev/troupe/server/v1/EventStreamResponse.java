package dev.troupe.server.v1;

import dev.troupe.ErrorCode;
import dev.troupe.TroupeException;
import dev.troupe.server.protocol.Exchange;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.Outbox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP response carrying an {@link EventStream}: its status and headers, and its messages through an
 * {@link Outbox}, so the runtime never blocks on a slow reader. A reader that falls behind by more than
 * the outbound limit is cut off; a failed write (the client left) or a failed request completes the
 * response and reports it lost to the stream, which then waits for the client to resume. Thread-safe.
 */
final class EventStreamResponse {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamResponse.class);

    private final Gateway gateway;
    private final Response response;
    private final Callback callback;
    private final Outbox outbox;
    private final Consumer<EventStreamResponse> lost;
    private final AtomicBoolean completed = new AtomicBoolean();

    /** Starts answering {@code ex} with an event stream; {@code lost} hears once if the client goes away. */
    EventStreamResponse(Exchange ex, Consumer<EventStreamResponse> lost) {
        this.gateway = ex.gateway();
        this.response = ex.response();
        this.callback = ex.callback();
        this.lost = lost;
        this.outbox = new Outbox(this::write, gateway.config().outboundQueueLimit(), this::slowConsumer,
                this::writeFailed);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        ex.answered(200);
    }

    /** Reports the response lost if {@code ex}'s request fails (the client closed the connection, say). */
    void watch(Exchange ex) {
        ex.request().addFailureListener(failure -> gone(new TroupeException(ErrorCode.UNAVAILABLE, "the request failed")));
    }

    /** Queues one message; false if the response is complete or the reader too slow. */
    boolean offer(String text) {
        return outbox.offer(text);
    }

    /** Sends {@code last}, then completes the response; at once if it cannot be queued. */
    void finish(String last) {
        if (!outbox.offer(last, () -> complete(null))) {
            complete(null);
        }
    }

    /** Completes the response once: with success if {@code failure} is null. */
    void complete(@Nullable Throwable failure) {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        outbox.close();
        if (failure == null) {
            callback.succeeded();
        } else {
            callback.failed(failure);
        }
    }

    private void slowConsumer() {
        LOG.info("SSE client is too slow ({} messages queued); ending its response",
                gateway.config().outboundQueueLimit());
        gateway.metrics().error(ErrorCode.SLOW_CONSUMER.qualified());
        gone(new TroupeException(ErrorCode.UNAVAILABLE, "slow consumer"));
    }

    private void writeFailed(String text, Throwable failure) {
        LOG.debug("SSE client is gone: {}", failure.toString());
        gone(failure);
    }

    private void gone(Throwable failure) {
        if (!completed.get()) {
            lost.accept(this);
        }
        complete(failure);
    }

    private void write(String text, Outbox.Completion done) {
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> done.complete(null), done::complete));
    }
}
