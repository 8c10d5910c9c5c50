package dev.troupe.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.troupe.ErrorCode;
import dev.troupe.Key;
import dev.troupe.Troupe;
import dev.troupe.TroupeException;
import dev.troupe.sqlite.accounts.Account;
import dev.troupe.sqlite.accounts.Account.Money;
import dev.troupe.sqlite.accounts.AccountActor;
import dev.troupe.sqlite.accounts.AccountV1;
import dev.troupe.sqlite.accounts.AccountV1Actor;
import dev.troupe.store.ActorRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State schema versions across a restart: state written by an older version of an actor type, read
 * back from the SQLite file by a newer version, passes through every upcaster in order on load and
 * is written back in the new shape with the next commit.
 */
class UpcastFromAReopenedFileTest {
    private static final Key ALICE = Key.of("alice");

    @TempDir
    Path directory;

    /** Version 1 to 2: whole euros become cents. */
    private static JsonNode eurosToCents(JsonNode v1) {
        ObjectNode v2 = ((ObjectNode) v1).objectNode();
        return v2.put("cents", v1.get("balance").asLong() * 100);
    }

    /** Version 2 to 3: cents become an amount of money in euros. */
    private static JsonNode centsToMoney(JsonNode v2) {
        ObjectNode v3 = ((ObjectNode) v2).objectNode();
        v3.putObject("balance").put("cents", v2.get("cents").asLong()).put("currency", "EUR");
        return v3;
    }

    /** An upcaster that notes when it runs. */
    private static UnaryOperator<JsonNode> noting(List<String> ran, String name, UnaryOperator<JsonNode> upcaster) {
        return state -> {
            ran.add(name);
            return upcaster.apply(state);
        };
    }

    private Troupe current(SqliteStore store, UnaryOperator<JsonNode> first, UnaryOperator<JsonNode> second) {
        return Troupe.builder().store(store)
                .register(AccountActor.class, type -> type.stateVersion(3).upcaster(1, first).upcaster(2, second))
                .build();
    }

    private void writeVersion1(long euros) {
        try (Troupe old = Troupe.builder().store(SqliteStore.open(directory)).register(AccountV1Actor.class).build()) {
            old.actor(AccountV1.class, ALICE).deposit(euros);
        }
    }

    @Test
    void stateOfAnOlderVersion_isUpcastOnLoad_andWrittenBackInTheNewShapeWithTheNextCommit() {
        writeVersion1(150);
        List<String> ran = new CopyOnWriteArrayList<>();

        SqliteStore store = SqliteStore.open(directory);
        try (Troupe troupe = current(store, noting(ran, "1->2", UpcastFromAReopenedFileTest::eurosToCents),
                noting(ran, "2->3", UpcastFromAReopenedFileTest::centsToMoney))) {
            Account alice = troupe.actor(Account.class, ALICE);

            assertThat(alice.balance()).isEqualTo(new Money(15_000, "EUR"));
            assertThat(ran).containsExactly("1->2", "2->3");
            ActorRecord loaded = store.find("test-account", ALICE).orElseThrow();
            assertThat(loaded.stateVersion()).as("a read writes nothing back").isEqualTo(1);
            assertThat(loaded.state()).isEqualTo("{\"balance\":150}");

            assertThat(alice.deposit(50)).isEqualTo(new Money(15_050, "EUR"));
            ActorRecord written = store.find("test-account", ALICE).orElseThrow();
            assertThat(written.stateVersion()).isEqualTo(3);
            assertThat(written.state()).isEqualTo("{\"balance\":{\"cents\":15050,\"currency\":\"EUR\"}}");
        }

        ran.clear();
        try (Troupe reopened = current(SqliteStore.open(directory), noting(ran, "1->2", UpcastFromAReopenedFileTest::eurosToCents),
                noting(ran, "2->3", UpcastFromAReopenedFileTest::centsToMoney))) {
            assertThat(reopened.actor(Account.class, ALICE).balance()).isEqualTo(new Money(15_050, "EUR"));
            assertThat(ran).as("state already in the current version is not upcast").isEmpty();
        }
    }

    @Test
    void upcasterThatFails_failsTheCall_andLeavesTheStoredStateAsItWas() {
        writeVersion1(7);

        SqliteStore store = SqliteStore.open(directory);
        try (Troupe troupe = current(store, v1 -> {
            throw new IllegalStateException("a broken migration");
        }, UpcastFromAReopenedFileTest::centsToMoney)) {
            assertThatThrownBy(() -> troupe.actor(Account.class, ALICE).deposit(1))
                    .isInstanceOfSatisfying(TroupeException.class, e -> assertThat(e.is(ErrorCode.INTERNAL_ERROR)).isTrue());
            ActorRecord untouched = store.find("test-account", ALICE).orElseThrow();
            assertThat(untouched.stateVersion()).isEqualTo(1);
            assertThat(untouched.state()).isEqualTo("{\"balance\":7}");
        }

        try (Troupe fixed = current(SqliteStore.open(directory), UpcastFromAReopenedFileTest::eurosToCents,
                UpcastFromAReopenedFileTest::centsToMoney)) {
            assertThat(fixed.actor(Account.class, ALICE).deposit(1)).isEqualTo(new Money(701, "EUR"));
        }
    }
}
