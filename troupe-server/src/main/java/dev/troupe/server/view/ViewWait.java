package dev.troupe.server.view;

import dev.troupe.AccessRule;
import dev.troupe.ActorError;
import dev.troupe.Caller;
import dev.troupe.ErrorCode;
import dev.troupe.Input;
import dev.troupe.TroupeException;
import dev.troupe.host.HostConnection;
import dev.troupe.host.Address;
import dev.troupe.host.ConnectionSink;
import dev.troupe.host.CreateMode;
import dev.troupe.server.protocol.Gateway;
import dev.troupe.server.stream.Stream;
import dev.troupe.server.stream.StreamRegistry;
import dev.troupe.server.wire.WireErrors;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A view request that waits for a {@link WaitCondition}: {@code GET …/view?after=<checksum>&waitMs=<n>}
 * answers as soon as the caller's view has another checksum than {@code after}, or with the unchanged
 * view after {@code waitMs}; {@code waitForState} and {@code waitForEvent} answer once a machine is in
 * that state or has processed an event of that type, else {@code machine/wait_timeout}. While it waits it is a short-lived connection to the actor (it needs the
 * {@code #connect} permission besides {@code #view}, counts towards the connection limits, and the
 * actor's connection hooks run), because views are pushed to connections. The server's stop ends the
 * wait early with the current view. Shared by the protocols that offer waits (v1's view fetch and
 * {@code wait} frame, Actor Kit's snapshot fetch). Each wait is used by one request.
 */
public final class ViewWait implements ConnectionSink, Stream {
    /** The longest wait a request may ask for. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** What {@code changed} completes with when an event ended the wait: the view is read afterwards. */
    private static final Object READ_VIEW = new Object();

    private final WaitCondition condition;
    private final CompletableFuture<Object> changed = new CompletableFuture<>();
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();

    private ViewWait(WaitCondition condition) {
        this.condition = condition;
    }

    /**
     * The caller's view once it meets {@code condition}, or {@link WaitCondition#timedOut} after
     * {@code wait}. The server's stop answers the current view.
     */
    public static @Nullable Object await(Gateway gateway, Address address, Caller caller, CreateMode mode, Input input,
                                  WaitCondition condition, Duration wait) throws InterruptedException {
        gateway.host().authorize(address, caller, AccessRule.VIEW);
        Duration timeout = gateway.config().callTimeout();
        ViewWait waiter = new ViewWait(condition);
        gateway.streams().admit(address);
        try {
            HostConnection connection = get(gateway.host().connect(address, caller, condition.params(), waiter, mode, input),
                    timeout);
            gateway.streams().opened(waiter, StreamRegistry.Kind.VIEW_WAIT);
            try {
                connection.syncViews(true);
                Object current = get(connection.view(), timeout);
                if (condition.metBy(current) || gateway.isClosing()) {
                    return current;
                }
                Object answer = CompletableFuture.anyOf(waiter.changed, waiter.stopping.thenApply(v -> current))
                        .get(wait.toNanos(), TimeUnit.NANOSECONDS);
                return answer == READ_VIEW ? get(connection.view(), timeout) : answer;
            } catch (TimeoutException e) {
                return condition.timedOut(get(connection.view(), timeout), wait);
            } catch (ExecutionException e) {
                throw WireErrors.from(e.getCause(), "view of " + address);
            } finally {
                connection.close();
                gateway.streams().closed(waiter);
            }
        } finally {
            gateway.streams().release(address);
        }
    }

    /**
     * A wait of {@code millis}, which must be from 0 to {@link #MAX_WAIT}.
     *
     * @param given the wait as the request wrote it, for the error
     * @throws TroupeException {@code request/invalid_request} if it is out of range
     */
    public static Duration waitMs(long millis, Object given) {
        if (millis < 0 || millis > MAX_WAIT.toMillis()) {
            throw new TroupeException(ErrorCode.INVALID_REQUEST, "waitMs must be an integer from 0 to "
                    + MAX_WAIT.toMillis() + ", got '" + given + "'", Map.of("waitMs", given));
        }
        return Duration.ofMillis(millis);
    }

    private static <T> T get(CompletableFuture<T> future, Duration timeout) throws InterruptedException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw WireErrors.from(e instanceof ExecutionException ? e.getCause() : e, "view wait");
        }
    }

    @Override
    public void event(String name, List<Object> args) {
        if (condition.metByEvent(name, args)) {
            changed.complete(READ_VIEW);
        }
    }

    @Override
    public void view(@Nullable Object view) {
        try {
            if (condition.metBy(view)) {
                changed.complete(view);
            }
        } catch (IllegalArgumentException e) {
            changed.completeExceptionally(e);
        }
    }

    @Override
    public void closed(ActorError reason) {
        changed.completeExceptionally(new TroupeException(reason, WireErrors.status(reason)));
    }

    @Override
    public void goingAway() {
        stopping.complete(null);
    }
}
