package dev.troupe.bench.result;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine a result was measured on.
 *
 * @param cores       processors available to the JVM
 * @param memoryBytes physical memory
 * @param cpu         the processor model, or "unknown"
 * @param jdk         the JDK vendor and version
 * @param os          the operating system, its version and architecture
 */
public record Machine(int cores, long memoryBytes, String cpu, String jdk, String os) {

    /** Describes the machine this JVM runs on. */
    public static Machine current() {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Machine(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), cpuModel(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    /** One line: {@code 2 cores (AMD EPYC ...), 23.4 GiB, Eclipse Adoptium 25+36, Linux 6.1 amd64}. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s, %s", cores, cpu,
                memoryBytes / (double) (1L << 30), jdk, os);
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
