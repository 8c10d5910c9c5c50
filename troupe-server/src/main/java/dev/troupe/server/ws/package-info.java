/**
 * Internal: the WebSocket endpoint of wire protocol v1, its frames and close codes.
 */
@NullMarked
package dev.troupe.server.ws;

import org.jspecify.annotations.NullMarked;
