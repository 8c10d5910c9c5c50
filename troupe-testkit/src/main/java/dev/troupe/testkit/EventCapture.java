package dev.troupe.testkit;

import dev.troupe.ActorRef;
import dev.troupe.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The events one actor broadcast, as a subscriber of the named events receives them: in the order the
 * actor broadcast them, once the turns that broadcast them are durable (an event of a turn that threw
 * never arrives). Opened by {@link TroupeTestKit#events}; the subscription keeps the actor awake until
 * {@link #close()}. Reading settles the runtime first, so what a finished call or
 * {@link TestClock#advance} set off is already here. Thread-safe.
 */
public final class EventCapture implements AutoCloseable {
    private final List<Event> received = Collections.synchronizedList(new ArrayList<>());
    private final Settler settler;
    private final String actor;
    private final Subscription subscription;

    /** One event: its name and the arguments the actor broadcast with it. */
    public record Event(String name, List<Object> args) {
    }

    EventCapture(ActorRef<?> ref, Settler settler, String... events) {
        this.settler = settler;
        this.actor = ref.toString();
        this.subscription = ref.subscribe((name, args) -> received.add(new Event(name, args)),
                events.length == 0 ? new String[] {"*"} : events);
    }

    /** Every event received so far, in order. */
    public List<Event> all() {
        settler.settle("reading the events of " + actor);
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The arguments of every event named {@code name} received so far, one list per event, in order. */
    public List<List<Object>> of(String name) {
        return all().stream().filter(event -> event.name().equals(name)).map(Event::args).toList();
    }

    /** Unsubscribes, once what calls that already returned set off has arrived; the actor may sleep again. Idempotent. */
    @Override
    public void close() {
        // Settle first: what calls that already returned set off is still captured, not lost in transit.
        settler.settle("closing the capture of " + actor);
        subscription.close();
    }
}
