/**
 * A test kit for users' own tests of their actors: {@link dev.troupe.testkit.TroupeTestKit} starts an
 * in-process {@link dev.troupe.Troupe} on a {@link dev.troupe.store.MemoryStore} whose time is a
 * {@link dev.troupe.testkit.TestClock}, and captures what a subscriber receives
 * ({@link dev.troupe.testkit.EventCapture}) and what a caller sees of an actor's view
 * ({@link dev.troupe.testkit.ViewCapture}). It depends on troupe-core only; assert on what it returns
 * with any test framework.
 */
@NullMarked
package dev.troupe.testkit;

import org.jspecify.annotations.NullMarked;
