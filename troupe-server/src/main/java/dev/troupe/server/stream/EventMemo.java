package dev.troupe.server.stream;

import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;

/*
 * Rendering an event once per broadcast instead of once per subscriber.
 *
 * The runtime releases a turn's broadcast by calling ConnectionSink.event on every subscribed connection,
 * one after the other on the releasing thread, with the same args list instance (EventsOutput.release;
 * Turn.broadcast builds that list once with List.of). So the identity of the args list names the
 * broadcast: the first subscriber renders the event and leaves the text in a slot, the next ones find it
 * there.
 *
 * Slots
 *   A fixed table of slots indexed by the identity hash of the args list, so broadcasts of different
 *   actors released at the same time on different threads rarely meet in one slot. A slot holds one
 *   entry (args, name, text); a lookup hits only if the entry's args is the same instance and its name is
 *   equal. Entries are immutable and published through the atomic array; a racing writer just replaces
 *   another's entry, which costs a later subscriber one more rendering, never a wrong text.
 *
 * Why identity is safe
 *   An entry keeps its args list strongly, so no other list can be allocated at its address while the
 *   entry exists: a hit means the very same list. The runtime's lists are immutable. The one list that is
 *   shared between broadcasts is the empty List.of(), and events with no args and the same name render
 *   the same text, so sharing it is harmless.
 *
 * Memory
 *   At most SLOTS entries are held: the args and text of recent events, until another event lands in
 *   their slot. Nothing grows with the number of broadcasts, actors or connections.
 *
 * If the runtime ever handed each subscriber a different list, every lookup would miss and each
 * subscriber would render its own text, as before: slower, still correct.
 */

/**
 * Renders an event's wire text once per broadcast and hands the same text to every subscriber of it.
 * One memo per wire format. Thread-safe and lock-free; holds at most a fixed number of recent events.
 */
public final class EventMemo {
    private static final int SLOTS = 64;

    private record Entry(List<Object> args, String name, String text) {
    }

    private final BiFunction<String, List<Object>, String> renderer;
    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /**
     * A memo over {@code renderer}, which turns an event's name and args into its wire text. The renderer
     * must depend on nothing but its arguments.
     */
    public EventMemo(BiFunction<String, List<Object>, String> renderer) {
        this.renderer = renderer;
    }

    /**
     * The text of the event {@code name} with {@code args}: the text rendered for the same args instance
     * and name if a slot still holds it, else a new rendering. Exceptions of the renderer propagate and
     * nothing is remembered, so every subscriber of an unrenderable event sees the exception.
     */
    public String text(String name, List<Object> args) {
        int slot = System.identityHashCode(args) & (SLOTS - 1);
        Entry entry = slots.getAcquire(slot);
        if (entry != null && entry.args == args && entry.name.equals(name)) {
            return entry.text;
        }
        String text = renderer.apply(name, args);
        slots.setRelease(slot, new Entry(args, name, text));
        return text;
    }
}
