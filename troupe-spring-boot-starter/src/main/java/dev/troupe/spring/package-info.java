/**
 * Spring Boot auto-configuration for Troupe: a runtime and a server from {@code troupe.*} properties
 * ({@link dev.troupe.spring.TroupeProperties}), actor types declared as
 * {@link dev.troupe.spring.ActorRegistration} or {@link dev.troupe.definition.ActorDefinition} beans,
 * Actuator health and readiness, and Troupe's meters in the application's Micrometer registry. See the
 * module's README.
 */
@NullMarked
package dev.troupe.spring;

import org.jspecify.annotations.NullMarked;
