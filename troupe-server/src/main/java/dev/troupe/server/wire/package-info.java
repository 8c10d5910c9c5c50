/**
 * Internal: what every transport shares: the gateway context, request parsing and wire errors.
 */
@NullMarked
package dev.troupe.server.wire;

import org.jspecify.annotations.NullMarked;
