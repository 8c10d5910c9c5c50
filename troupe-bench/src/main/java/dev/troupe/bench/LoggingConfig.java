package dev.troupe.bench;

/**
 * Where the benchmarks' Logback configuration is. The JVMs that JMH forks are given the same setting.
 */
public final class LoggingConfig {
    /** The system property Logback reads its configuration location from. */
    public static final String PROPERTY = "logback.configurationFile";
    /** The class-path resource of the benchmarks' configuration. */
    public static final String RESOURCE = "troupe-bench-logback.xml";

    private LoggingConfig() {
    }

    /** The JVM option that points a forked JVM at the benchmarks' configuration. */
    public static String jvmOption() {
        return "-D" + PROPERTY + "=" + RESOURCE;
    }
}
