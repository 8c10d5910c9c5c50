/**
 * The Java remote client of wire protocol v1: {@link dev.troupe.client.TroupeClient} makes typed
 * handles over HTTP and {@link dev.troupe.client.RemoteConnection}s over WebSocket.
 */
@NullMarked
package dev.troupe.client;

import org.jspecify.annotations.NullMarked;
