/**
 * The host interface: what transports (the HTTP/WebSocket server, protocol adapters), in-process
 * code and the cluster may ask of a Troupe runtime, and the few values it speaks in. {@link
 * dev.troupe.host.ActorHost} is the one door into the runtime; the runtime's own package is
 * internal.
 */
package dev.troupe.host;
