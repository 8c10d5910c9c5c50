/**
 * Internal: what every protocol shares on the wire: the strict text rules for JSON ({@code
 * WellFormedText}), request parsing ({@code Targets}) and the error bodies ({@code WireErrors}).
 */
@NullMarked
package dev.troupe.server.wire;

import org.jspecify.annotations.NullMarked;
