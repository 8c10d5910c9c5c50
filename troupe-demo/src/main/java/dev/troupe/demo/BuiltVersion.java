package dev.troupe.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version Maven built this artifact as, and the JVM it runs on. */
final class BuiltVersion implements IVersionProvider {

    /** The project version written into {@code version.properties} at build time. */
    static String troupe() {
        try (InputStream in = BuiltVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing: build troupe-demo with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties", e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "troupe " + troupe(),
            "JVM " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
