package dev.troupe.cluster;

/**
 * Marks what crosses between nodes; bound to {@link ClusterSerializer} (JSON) in the Pekko
 * configuration, so nothing Troupe sends relies on Java serialization.
 */
interface ClusterMessage {
}
