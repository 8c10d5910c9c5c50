/**
 * A user's application module, as docs/getting-started.md describes it: it requires the store and
 * the server, exports its actors' package (contracts are proxied, actions looked up publicly) and
 * opens it to Jackson (state records are read and written).
 */
module dev.troupe.moduletest {
    requires dev.troupe.sqlite;
    requires dev.troupe.server;

    exports dev.troupe.moduletest.actors;
    opens dev.troupe.moduletest.actors to com.fasterxml.jackson.databind;
}
