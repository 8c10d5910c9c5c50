package dev.troupe.postgres;

import java.util.List;

/**
 * The PostgreSQL store's schema, as the ordered list of its migrations.
 *
 * <p>Identifiers are {@code text COLLATE "C"}: they compare by code point, as Java strings compare
 * ids in the other stores, so {@code (due_at, id)} and scan order agree across stores whatever the
 * database's default collation is.
 */
final class Migrations {

    /** Every migration, in version order. */
    static final List<Migration> ALL = List.of(
            new Migration(1, "actors, schedules and history", List.of(
                    """
                    CREATE TABLE troupe_actors (
                        id            text COLLATE "C" PRIMARY KEY,
                        type          text COLLATE "C" NOT NULL,
                        key           text COLLATE "C" NOT NULL,
                        state         text NOT NULL,
                        state_version integer NOT NULL,
                        epoch         bigint NOT NULL,
                        created_at    timestamptz NOT NULL,
                        updated_at    timestamptz NOT NULL DEFAULT now(),
                        CONSTRAINT troupe_actors_address UNIQUE (type, key)
                    )""",
                    "CREATE INDEX troupe_actors_scan ON troupe_actors (type, id)",
                    """
                    CREATE TABLE troupe_schedules (
                        id       text COLLATE "C" PRIMARY KEY,
                        actor_id text COLLATE "C" NOT NULL REFERENCES troupe_actors (id) ON DELETE CASCADE,
                        due_at   timestamptz NOT NULL,
                        action   text NOT NULL,
                        args     text NOT NULL
                    )""",
                    "CREATE INDEX troupe_schedules_due ON troupe_schedules (due_at, id)",
                    "CREATE INDEX troupe_schedules_actor ON troupe_schedules (actor_id)",
                    """
                    CREATE TABLE troupe_history (
                        actor_id   text COLLATE "C" NOT NULL REFERENCES troupe_actors (id) ON DELETE CASCADE,
                        seq        bigint NOT NULL,
                        at         timestamptz NOT NULL,
                        caller     text NOT NULL,
                        message    text NOT NULL,
                        result     text,
                        state_hash bytea NOT NULL,
                        prev_hash  bytea,
                        hash       bytea NOT NULL,
                        PRIMARY KEY (actor_id, seq)
                    )""")),
            new Migration(2, "history entries keep their recorded effects and checkpoints", List.of(
                    """
                    ALTER TABLE troupe_history
                        ADD COLUMN effects text NOT NULL DEFAULT '[]',
                        ADD COLUMN checkpoint text,
                        ADD COLUMN checkpoint_version integer""")),
            new Migration(4, "the parent of an actor spawned as a child", List.of(
                    "ALTER TABLE troupe_actors ADD COLUMN parent_id text COLLATE \"C\"",
                    "CREATE INDEX troupe_actors_children ON troupe_actors (parent_id, id) WHERE parent_id IS NOT NULL")),
            new Migration(6, "the content-addressed store: content, its chunks and labels", List.of(
                    """
                    CREATE TABLE troupe_content (
                        hash      text COLLATE "C" PRIMARY KEY,
                        size      bigint NOT NULL,
                        stored_at timestamptz NOT NULL
                    )""",
                    """
                    CREATE TABLE troupe_content_chunks (
                        hash text COLLATE "C" NOT NULL REFERENCES troupe_content (hash) ON DELETE CASCADE,
                        idx  integer NOT NULL,
                        data bytea NOT NULL,
                        PRIMARY KEY (hash, idx)
                    )""",
                    """
                    CREATE TABLE troupe_content_labels (
                        name text COLLATE "C" PRIMARY KEY,
                        hash text COLLATE "C" NOT NULL REFERENCES troupe_content (hash)
                    )""",
                    "CREATE INDEX troupe_content_labels_hash ON troupe_content_labels (hash)")),
            // One-way messages (issue 16): the outbox, the receivers' positions per pair, dead letters.
            new Migration(9, "the outbox of one-way messages, the pairs' positions and dead letters", List.of(
                    """
                    CREATE TABLE troupe_outbox (
                        id            text COLLATE "C" PRIMARY KEY,
                        sender_id     text COLLATE "C" NOT NULL,
                        caller        text NOT NULL,
                        receiver_type text COLLATE "C" NOT NULL,
                        receiver_key  text COLLATE "C" NOT NULL,
                        seq           bigint NOT NULL,
                        action        text NOT NULL,
                        args          text NOT NULL,
                        sent_at       timestamptz NOT NULL,
                        CONSTRAINT troupe_outbox_pair UNIQUE (sender_id, receiver_type, receiver_key, seq)
                    )""",
                    """
                    CREATE TABLE troupe_message_pairs (
                        sender_id     text COLLATE "C" NOT NULL,
                        receiver_type text COLLATE "C" NOT NULL,
                        receiver_key  text COLLATE "C" NOT NULL,
                        received      bigint NOT NULL,
                        PRIMARY KEY (sender_id, receiver_type, receiver_key)
                    )""",
                    """
                    CREATE TABLE troupe_dead_letters (
                        id            text COLLATE "C" PRIMARY KEY,
                        sender_id     text COLLATE "C" NOT NULL,
                        caller        text NOT NULL,
                        receiver_type text COLLATE "C" NOT NULL,
                        receiver_key  text COLLATE "C" NOT NULL,
                        seq           bigint NOT NULL,
                        action        text NOT NULL,
                        args          text NOT NULL,
                        sent_at       timestamptz NOT NULL,
                        error         text NOT NULL,
                        dead_at       timestamptz NOT NULL,
                        position      bigserial
                    )""")),
            // Restarts from the initial state (issue 16) start from the input the child was spawned with.
            new Migration(14, "the input a child was spawned with",
                    List.of("ALTER TABLE troupe_actors ADD COLUMN input text")),
            new Migration(15, "per-actor key-value storage", List.of("""
                    CREATE TABLE troupe_storage (
                        actor_id text COLLATE "C" NOT NULL REFERENCES troupe_actors (id) ON DELETE CASCADE,
                        key      text COLLATE "C" NOT NULL,
                        value    bytea NOT NULL,
                        PRIMARY KEY (actor_id, key)
                    )""")));

    private Migrations() {
    }
}
