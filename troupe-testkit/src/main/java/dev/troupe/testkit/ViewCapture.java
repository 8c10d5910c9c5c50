package dev.troupe.testkit;

import dev.troupe.ActorRef;
import dev.troupe.Subscription;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one caller sees of an actor's view ({@code Actor.view}): the view now, and the view after each
 * turn that changed the state since the capture opened, once durable, as a connection with view sync
 * receives them. The caller is the one the reference acts as ({@link ActorRef#as}). Opened by
 * {@link TroupeTestKit#views}; its connection keeps the actor awake until {@link #close()}. Reading the
 * changes settles the runtime first. Thread-safe.
 */
public final class ViewCapture implements AutoCloseable {
    private final List<@Nullable Object> changes = Collections.synchronizedList(new ArrayList<>());
    private final ActorRef<?> ref;
    private final Settler settler;
    private final String actor;
    private final Subscription subscription;

    ViewCapture(ActorRef<?> ref, Settler settler) {
        this.ref = ref;
        this.settler = settler;
        this.actor = ref.toString();
        this.subscription = ref.syncViews(changes::add);
    }

    /**
     * The caller's view now, once the state it shows is durable.
     *
     * @throws dev.troupe.TroupeException {@code auth/forbidden} if the caller may not view
     */
    public @Nullable Object current() {
        return ref.view();
    }

    /** The caller's view after each state change since the capture opened, in commit order. */
    public List<@Nullable Object> changes() {
        settler.settle("reading the views of " + actor);
        synchronized (changes) {
            return Collections.unmodifiableList(new ArrayList<>(changes));
        }
    }

    /** Stops receiving views, once what calls that already returned set off has arrived; the actor may sleep again. Idempotent. */
    @Override
    public void close() {
        // Settle first: what calls that already returned set off is still captured, not lost in transit.
        settler.settle("closing the capture of " + ref);
        subscription.close();
    }
}
