/**
 * Internal: canonical JSON, view checksums and per-connection view diffing (RFC 6902).
 */
@NullMarked
package dev.troupe.server.view;

import org.jspecify.annotations.NullMarked;
