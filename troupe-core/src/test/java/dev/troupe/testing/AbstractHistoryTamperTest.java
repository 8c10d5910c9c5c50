package dev.troupe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.history.Verification;
import dev.troupe.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with a stored history is detected, on any store: subclass it, opening the store under
 * test (the same one on every call within a test) and tampering with its rows directly. For a SQL
 * store it is enough to give a raw connection and the history table; the tampering is SQL here.
 *
 * <p>Each test writes a chain of {@value #ENTRIES} entries through a runtime (the creation and nine
 * notes), closes it, tampers with the store behind its back, and verifies through a fresh runtime:
 * {@code verify} must name the first bad position.
 */
public abstract class AbstractHistoryTamperTest {
    /** The length of the chain each test writes. */
    protected static final int ENTRIES = 10;
    private static final Key KEY = Key.of("tampered");

    private String actorId;

    /** The store under test; the same store on every call within a test. */
    protected abstract Store openStore();

    /** A connection to the store's database, for the SQL tampering below; the caller closes it. */
    protected Connection rawConnection() throws SQLException {
        throw new UnsupportedOperationException("override rawConnection() or the tampering methods");
    }

    /** The name of the store's history table, for the SQL tampering below. */
    protected String historyTable() {
        return "history";
    }

    /** Changes one byte of the stored message of entry {@code seq}. */
    protected void changeOneByte(String actor, long seq) throws SQLException {
        sql("UPDATE " + historyTable() + " SET message = replace(message, 'note', 'nots') WHERE actor_id = ? AND seq = ?",
                actor, seq);
    }

    /** Exchanges the positions of entries {@code a} and {@code b}. */
    protected void swap(String actor, long a, long b) throws SQLException {
        sql("UPDATE " + historyTable() + " SET seq = -1 WHERE actor_id = ? AND seq = ?", actor, a);
        sql("UPDATE " + historyTable() + " SET seq = " + a + " WHERE actor_id = ? AND seq = ?", actor, b);
        sql("UPDATE " + historyTable() + " SET seq = " + b + " WHERE actor_id = ? AND seq = ?", actor, -1);
    }

    /** Deletes entry {@code seq}. */
    protected void delete(String actor, long seq) throws SQLException {
        sql("DELETE FROM " + historyTable() + " WHERE actor_id = ? AND seq = ?", actor, seq);
    }

    /** Inserts a copy of entry {@code copied} at the new position {@code seq}. */
    protected void insertCopy(String actor, long copied, long seq) throws SQLException {
        sql("INSERT INTO " + historyTable() + " (actor_id, seq, at, caller, message, result, effects, state_hash,"
                + " prev_hash, hash, checkpoint, checkpoint_version) SELECT actor_id, " + seq + ", at, caller, message,"
                + " result, effects, state_hash, prev_hash, hash, checkpoint, checkpoint_version FROM " + historyTable()
                + " WHERE actor_id = ? AND seq = ?", actor, copied);
    }

    private void sql(String statement, String actor, long seq) throws SQLException {
        try (Connection connection = rawConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setString(1, actor);
            update.setLong(2, seq);
            assertThat(update.executeUpdate()).as(statement).isEqualTo(1);
        }
    }

    private Troupe troupe() {
        return Troupe.builder().store(openStore()).register(JournalActor.class, type -> type.history()).build();
    }

    @BeforeEach
    final void writeChain() {
        try (Troupe troupe = troupe()) {
            Journal journal = troupe.actor(Journal.class, KEY);
            for (int i = 1; i < ENTRIES; i++) {
                journal.note("note " + i, "");
            }
            actorId = troupe.history(Journal.class, KEY).actorId();
        }
    }

    private Verification verify() {
        try (Troupe troupe = troupe()) {
            return troupe.history(Journal.class, KEY).verify();
        }
    }

    @Test
    void untouchedChain_verifies() {
        Verification verification = verify();

        assertThat(verification.valid()).as(verification.problem()).isTrue();
        assertThat(verification.entries()).isEqualTo(ENTRIES);
    }

    @Test
    void changingOneByteOfAnEntry_isNamed() throws SQLException {
        changeOneByte(actorId, 4);

        assertThat(verify().firstBadSeq()).isEqualTo(4);
    }

    @Test
    void reorderingEntries_isNamedAtTheFirstMovedOne() throws SQLException {
        swap(actorId, 3, 6);

        assertThat(verify().firstBadSeq()).isEqualTo(3);
    }

    @Test
    void deletingAnEntry_namesTheMissingPosition() throws SQLException {
        delete(actorId, 5);

        assertThat(verify().firstBadSeq()).isEqualTo(5);
    }

    @Test
    void deletingTheFirstEntry_isNamedAtTheNewOldest_whichIsNoCheckpoint() throws SQLException {
        delete(actorId, 1);

        assertThat(verify().firstBadSeq()).isEqualTo(2);
    }

    @Test
    void insertingAnEntry_isNamed() throws SQLException {
        insertCopy(actorId, 7, ENTRIES + 1);

        assertThat(verify().firstBadSeq()).isEqualTo(ENTRIES + 1);
    }
}
