package dev.troupe.testing;

import dev.troupe.Actor;
import dev.troupe.Input;
import dev.troupe.QueueMessage;
import dev.troupe.RunLoop;
import dev.troupe.TroupeException;
import dev.troupe.TypeOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Implements {@link Looper}: its run loop waits up to {@link #TIMEOUT} for each message of
 * {@link #QUEUE}, appends the message's {@code text} to the state, and follows what the message asks
 * ({@code fail: k} throws on its first k attempts after changing the state, {@code keepAwakeMinutes},
 * {@code waitFor} names a future of {@link #WORK} to wait for, {@code ask} calls {@code next} in a way
 * that is refused and records the error's code). What happens to the loop is counted per actor key in
 * {@link #EVENTS} ({@code key:started}, {@code key:stopped}, {@code key:timeout}, {@code key:refused:CODE}).
 */
public final class LooperActor extends Actor<LooperActor.State> implements Looper {
    /** The queue the loop takes from. */
    public static final String QUEUE = "jobs";
    /** A second queue the loop never asks for by name. */
    public static final String OTHER = "other";
    /** How long the loop waits for a message before it counts a timeout and waits again. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Counts per {@code key:event}. */
    public static final Map<String, AtomicInteger> EVENTS = new ConcurrentHashMap<>();
    /** Background work the messages may name. */
    public static final Map<String, CompletableFuture<Void>> WORK = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    private volatile String name = "";

    /** The state: the processed texts and how often {@link #touch} ran. */
    public record State(List<String> seen, int touched) {
    }

    /** Declares {@link #QUEUE} and {@link #OTHER}. */
    public static void options(TypeOptions options) {
        options.queues(QUEUE, OTHER);
    }

    /** How often {@code event} happened to the loop of the actor under {@code key}. */
    public static int count(String key, String event) {
        AtomicInteger count = EVENTS.get(key + ":" + event);
        return count == null ? 0 : count.get();
    }

    private void counted(String event) {
        EVENTS.computeIfAbsent(name + ":" + event, k -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    protected State initialState(Input input) {
        return new State(List.of(), 0);
    }

    @Override
    protected void onWake() {
        name = key().parts().getFirst();
    }

    @Override
    protected void run(RunLoop loop) {
        counted("started");
        try {
            while (!loop.stopping()) {
                Optional<QueueMessage> taken = loop.next(QUEUE, TIMEOUT);
                if (taken.isEmpty()) {
                    counted(loop.stopping() ? "woken" : "timeout");
                    continue;
                }
                process((Map<?, ?>) taken.get().body(), loop);
            }
        } finally {
            counted("stopped");
        }
    }

    private void process(Map<?, ?> message, RunLoop loop) {
        String text = (String) message.get("text");
        update(s -> {
            List<String> seen = new ArrayList<>(s.seen());
            seen.add(text);
            return new State(seen, s.touched());
        });
        if (message.get("keepAwakeMinutes") instanceof Number minutes) {
            loop.keepAwake(Duration.ofMinutes(minutes.longValue()));
        }
        if (message.get("waitFor") instanceof String work) {
            loop.waitUntil(WORK.computeIfAbsent(work, w -> new CompletableFuture<>()));
        }
        if (message.get("ask") instanceof String ask) {
            refused(ask, loop);
        }
        int attempt = ATTEMPTS.computeIfAbsent(name + "/" + text, k -> new AtomicInteger()).incrementAndGet();
        if (message.get("fail") instanceof Number failures && attempt <= failures.intValue()) {
            throw new IllegalStateException("message " + text + " fails on attempt " + attempt);
        }
    }

    private void refused(String ask, RunLoop loop) {
        try {
            switch (ask) {
                case "undeclared" -> loop.next("nope", Duration.ofSeconds(1));
                case "otherThread" -> CompletableFuture.runAsync(() -> loop.next(QUEUE, Duration.ofSeconds(1))).join();
                case "negative" -> loop.keepAwake(Duration.ofSeconds(-1));
                default -> throw new IllegalArgumentException(ask);
            }
        } catch (TroupeException e) {
            counted("refused:" + e.error().qualifiedCode());
        } catch (java.util.concurrent.CompletionException e) {
            counted("refused:" + e.getCause().getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            counted("refused:" + e.getClass().getSimpleName());
        }
    }

    @Override
    public List<String> seen() {
        return state().seen();
    }

    @Override
    public void touch() {
        update(s -> new State(s.seen(), s.touched() + 1));
    }

    @Override
    public int touched() {
        return state().touched();
    }

    @Override
    public void nap() {
        sleep();
    }

    @Override
    public void remove() {
        destroy();
    }
}
