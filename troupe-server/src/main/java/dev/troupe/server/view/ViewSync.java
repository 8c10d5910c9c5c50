package dev.troupe.server.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.json.CanonicalJson;
import dev.troupe.json.Json;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/*
 * View synchronisation for one connection.
 *
 * The runtime computes a connection's view after every durable state change and hands it to the
 * transport; the transport must send only what changed since what this connection last received. This
 * class keeps that "last sent" tree, its checksum and the frame sequence number, and turns each new
 * view into the next frame:
 *
 *   - the first view of a sync sends the full value, unless the client announced (in its view frame)
 *     the checksum of the view it already holds and that checksum is the current one: then an empty
 *     patch confirms it. The server keeps no history, so an unknown and a stale checksum are the same:
 *     the full value follows.
 *   - every later view is diffed (RFC 6902: ViewDiff, zjsonpatch's patch made faster) against the
 *     last one sent; an empty diff sends nothing, so one caller's private change costs other callers
 *     nothing on the wire, and no checksum is computed for it.
 *
 * Views arrive from the runtime's output gate, and the initial fetch completes on another thread;
 * whichever reaches this class first is the base, and a later one that equals it sends nothing. All
 * methods are synchronized: a connection's frames are produced in one order.
 */

/** The view state of one connection: what it last received, with sequence number and checksum. */
public final class ViewSync {
    private final @Nullable String clientChecksum;
    private @Nullable JsonNode last;
    private long seq;

    /** A sync for a client that holds the view with {@code clientChecksum} (null if none). */
    public ViewSync(@Nullable String clientChecksum) {
        this.clientChecksum = clientChecksum;
    }

    /**
     * Passes to {@code send} the frame that brings the client from what it last received to
     * {@code view}: a full value or a patch; nothing if the view did not change. {@code send} runs
     * under this sync's lock, so frames are handed over in sequence order; it must not block.
     */
    public synchronized void next(@Nullable Object view, Consumer<ObjectNode> send) {
        JsonNode current = CanonicalJson.tree(view);
        JsonNode previous = last;
        last = current;
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.put("type", "view");
        if (previous == null) {
            String checksum = CanonicalJson.checksum(current);
            frame.put("seq", ++seq);
            frame.put("checksum", checksum);
            if (checksum.equals(clientChecksum)) {
                frame.set("patch", Json.mapper().createArrayNode());
            } else {
                frame.set("value", current);
            }
            send.accept(frame);
            return;
        }
        JsonNode patch = ViewDiff.diff(previous, current);
        if (patch.isEmpty()) {
            return;
        }
        frame.put("seq", ++seq);
        frame.put("checksum", CanonicalJson.checksum(current));
        frame.set("patch", patch);
        send.accept(frame);
    }
}
