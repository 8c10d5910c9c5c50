/**
 * The Troupe server: {@link dev.troupe.server.TroupeServer} serves a {@code Troupe}'s actors over wire protocol v1 (HTTP, WebSocket, SSE; see {@code docs/protocol.md}), configured by {@link dev.troupe.server.ServerConfig}, with tokens minted by {@link dev.troupe.server.TokenIssuer}. Only this package is API; its sub-packages are internal.
 */
@NullMarked
package dev.troupe.server;

import org.jspecify.annotations.NullMarked;
