/**
 * Internal: bounded outbound queues, the registry of open streams, in-flight call tracking and the
 * memo that renders a broadcast event once for all its subscribers.
 */
@NullMarked
package dev.troupe.server.stream;

import org.jspecify.annotations.NullMarked;
