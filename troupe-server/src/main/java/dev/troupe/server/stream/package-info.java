/**
 * Internal: bounded outbound queues, the registry of open streams and in-flight call tracking.
 */
@NullMarked
package dev.troupe.server.stream;

import org.jspecify.annotations.NullMarked;
