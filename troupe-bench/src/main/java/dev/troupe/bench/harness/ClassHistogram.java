package dev.troupe.bench.harness;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A histogram of the live heap by class, from the JVM's {@code GC.class_histogram} diagnostic command
 * (the same as {@code jcmd PID GC.class_histogram}); taking one runs a full collection. Two histograms
 * subtract to show which classes a phase of a benchmark added, and how many bytes each.
 */
public final class ClassHistogram {
    private final Map<String, Entry> byClass;

    /**
     * Instances and bytes of one class.
     *
     * @param className the class, as the JVM prints it ({@code [B}, {@code java.lang.String}, ...)
     * @param instances how many live instances
     * @param bytes     their shallow size in bytes
     */
    public record Entry(String className, long instances, long bytes) {
    }

    private ClassHistogram(Map<String, Entry> byClass) {
        this.byClass = byClass;
    }

    /** Takes a histogram of the live heap now. */
    public static ClassHistogram take() throws JMException {
        ObjectName command = new ObjectName("com.sun.management:type=DiagnosticCommand");
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(command, "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return parse(text);
    }

    /** Parses the text of {@code GC.class_histogram}. */
    static ClassHistogram parse(String text) {
        Map<String, Entry> entries = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 4 || !columns[0].endsWith(":")) {
                continue;
            }
            entries.put(columns[3], new Entry(columns[3], Long.parseLong(columns[1]), Long.parseLong(columns[2])));
        }
        return new ClassHistogram(entries);
    }

    /** The classes that grew from {@code before} to this histogram, largest growth in bytes first. */
    public List<Entry> growthSince(ClassHistogram before) {
        List<Entry> grown = new ArrayList<>();
        byClass.forEach((name, now) -> {
            Entry then = before.byClass.getOrDefault(name, new Entry(name, 0, 0));
            if (now.bytes() > then.bytes()) {
                grown.add(new Entry(name, now.instances() - then.instances(), now.bytes() - then.bytes()));
            }
        });
        grown.sort(Comparator.comparingLong(Entry::bytes).reversed());
        return grown;
    }

    /**
     * {@code growth} less {@code share}, class by class: what one phase added beyond another's
     * growth, for the classes where that is positive, largest first.
     */
    public static List<Entry> beyond(List<Entry> growth, List<Entry> share) {
        Map<String, Entry> subtracted = new HashMap<>();
        share.forEach(entry -> subtracted.put(entry.className(), entry));
        List<Entry> rest = new ArrayList<>();
        for (Entry entry : growth) {
            Entry other = subtracted.getOrDefault(entry.className(), new Entry(entry.className(), 0, 0));
            if (entry.bytes() > other.bytes()) {
                rest.add(new Entry(entry.className(), entry.instances() - other.instances(),
                        entry.bytes() - other.bytes()));
            }
        }
        rest.sort(Comparator.comparingLong(Entry::bytes).reversed());
        return rest;
    }
}
