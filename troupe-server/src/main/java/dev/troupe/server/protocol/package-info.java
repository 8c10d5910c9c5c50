/**
 * The protocol mount point: what a wire protocol implements to be served by a {@code TroupeServer}
 * ({@link dev.troupe.server.protocol.Protocol}, {@link dev.troupe.server.protocol.Route}), what its
 * endpoints are given ({@link dev.troupe.server.protocol.Exchange}, one HTTP request, and
 * {@link dev.troupe.server.protocol.Gateway}, the server's shared services), and the one Jetty
 * handler that dispatches requests to the mounted protocols. Internal API for Troupe's own protocol
 * adapters, not yet a stable API for users.
 */
@NullMarked
package dev.troupe.server.protocol;

import org.jspecify.annotations.NullMarked;
