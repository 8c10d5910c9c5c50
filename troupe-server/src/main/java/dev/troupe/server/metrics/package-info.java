/**
 * Internal: the Micrometer Prometheus registry behind {@code GET /metrics}.
 */
@NullMarked
package dev.troupe.server.metrics;

import org.jspecify.annotations.NullMarked;
