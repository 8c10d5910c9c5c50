/**
 * Internal: actors' raw handlers on the wire. {@link dev.troupe.server.raw.RawRoutes} serves a raw
 * HTTP request or a raw WebSocket upgrade for any protocol that gives actors a raw prefix (v1's
 * {@code …/raw/…}, RivetKit's {@code …/request/…} and {@code …/websocket/…});
 * {@link dev.troupe.server.raw.RawSocketEndpoint} is one raw WebSocket.
 */
@NullMarked
package dev.troupe.server.raw;

import org.jspecify.annotations.NullMarked;
