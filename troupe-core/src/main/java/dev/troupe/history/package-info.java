/**
 * Reading and checking an actor's turn history: the {@link dev.troupe.history.History} handle with
 * which to page through entries, verify the hash chain, replay the turns and reconstruct the state at
 * a position. The encoding and guarantees are in {@code docs/history.md}.
 */
@NullMarked
package dev.troupe.history;

import org.jspecify.annotations.NullMarked;
