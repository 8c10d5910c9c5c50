/**
 * Internal: bearer-token verification (HS256 JWT) and token scope checks.
 */
@NullMarked
package dev.troupe.server.auth;

import org.jspecify.annotations.NullMarked;
