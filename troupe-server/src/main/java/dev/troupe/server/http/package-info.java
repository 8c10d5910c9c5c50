/**
 * Internal: the HTTP rules every protocol shares, checked before routing ({@code RequestChecks}), the
 * wire errors of what Jetty reports ({@code JettyErrors}, {@code JsonErrorHandler}) and static files.
 */
@NullMarked
package dev.troupe.server.http;

import org.jspecify.annotations.NullMarked;
