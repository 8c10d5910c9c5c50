/**
 * Internal: per-connection view diffing (RFC 6902) and view waits (a view fetch that waits for a
 * change, a machine state or an event), shared by every protocol that serves views.
 */
@NullMarked
package dev.troupe.server.view;

import org.jspecify.annotations.NullMarked;
