/**
 * Troupe's JSON, for transports and clients that must encode exactly as the runtime does: the shared
 * mapper ({@link dev.troupe.json.Json}) and the canonical JSON and checksum of views
 * ({@link dev.troupe.json.CanonicalJson}), which the server, the Java client and the TypeScript client
 * compute alike.
 */
package dev.troupe.json;
