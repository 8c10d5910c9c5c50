/**
 * Troupe's core: the actor API ({@code dev.troupe}), the SPIs for actor definitions, hosts and stores,
 * the shared JSON, and the single-node runtime, which is not exported (decision 0004).
 */
module dev.troupe.core {
    requires transitive com.fasterxml.jackson.databind;
    requires transitive org.slf4j;
    requires static transitive org.jspecify;
    requires transitive java.net.http;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.networknt.schema;
    requires com.cronutils;
    requires java.sql;
    requires org.xerial.sqlitejdbc;

    exports dev.troupe;
    exports dev.troupe.definition;
    exports dev.troupe.history;
    exports dev.troupe.host;
    exports dev.troupe.json;
    exports dev.troupe.schema;
    exports dev.troupe.store;

    uses dev.troupe.host.HostProvider;
    uses dev.troupe.store.StoreProvider;

    provides dev.troupe.host.HostProvider with dev.troupe.runtime.LocalHostProvider;
}
