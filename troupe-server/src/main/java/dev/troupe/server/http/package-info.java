/**
 * Internal: the Jetty handler, HTTP routes, server-sent events, OpenAPI and JSON error pages.
 */
@NullMarked
package dev.troupe.server.http;

import org.jspecify.annotations.NullMarked;
