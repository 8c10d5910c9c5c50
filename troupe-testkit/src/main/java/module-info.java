/** The test kit for users' tests of their actors: an in-process runtime on a test clock. */
module dev.troupe.testkit {
    requires transitive dev.troupe.core;

    exports dev.troupe.testkit;
}
