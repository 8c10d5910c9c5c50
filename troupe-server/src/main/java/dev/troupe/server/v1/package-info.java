/**
 * Internal: wire protocol v1 ({@code docs/protocol.md}), mounted at {@code /v1} by
 * {@link dev.troupe.server.v1.ProtocolV1}: its routes, the HTTP endpoints (actions, lifecycle, views,
 * view waits), server-sent events, the WebSocket upgrade and endpoint with its frames and close codes,
 * and the OpenAPI document. Everything else it uses is shared by every protocol: the mount point
 * ({@code protocol}), the text rules and error bodies ({@code wire}), the HTTP checks and Jetty error
 * pages ({@code http}), streams and outboxes ({@code stream}), view diffing ({@code view}), tokens
 * ({@code auth}) and metrics.
 */
@NullMarked
package dev.troupe.server.v1;

import org.jspecify.annotations.NullMarked;
