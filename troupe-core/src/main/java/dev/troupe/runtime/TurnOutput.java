package dev.troupe.runtime;

import dev.troupe.TroupeException;

/**
 * Something a turn produced that must wait behind the output gate: a caller's result, the events it
 * broadcast, a schedule's completion. Released once the commit it depends on is durable, or failed if
 * that commit is refused or lost.
 */
interface TurnOutput {

    /** The commit is durable: let the output go. */
    void release();

    /** The commit failed: the output must not be seen as it was. */
    void fail(TroupeException error);
}
