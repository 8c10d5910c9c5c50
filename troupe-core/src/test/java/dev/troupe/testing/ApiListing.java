package dev.troupe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checked listing of a module's public API: every public type of the given packages with its
 * public and protected members, one per line, sorted. A module's {@code ApiSurfaceTest} compares it
 * with the file checked in under {@code api/}; with {@code -Dtroupe.api.update=true} it rewrites the
 * file instead, to commit with an intended change.
 */
public final class ApiListing {
    private ApiListing() {
    }

    /**
     * Asserts that the public API of {@code packages}, in the classes directory holding {@code anchor},
     * matches {@code listing} (relative to the module), or rewrites it when asked to.
     */
    public static void check(Class<?> anchor, List<String> packages, Path listing) throws Exception {
        String current = of(anchor, packages);
        if (Boolean.getBoolean("troupe.api.update")) {
            Files.createDirectories(listing.toAbsolutePath().getParent());
            Files.writeString(listing, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(listing)).as("missing %s; generate it with -Dtroupe.api.update=true", listing).isTrue();
        assertThat(current).as("public API changed; review, then regenerate %s with -Dtroupe.api.update=true", listing)
                .isEqualTo(Files.readString(listing, StandardCharsets.UTF_8));
    }

    private static String of(Class<?> anchor, List<String> packages)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> lines = new ArrayList<>();
        for (String pkg : packages) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = pkg + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, anchor.getClassLoader());
                    if (isVisible(type)) {
                        describe(type, lines);
                    }
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isSynthetic();
    }

    private static void describe(Class<?> type, List<String> lines) {
        lines.add(Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE) + " " + kind(type) + " "
                + type.getTypeName() + supertypes(type));
        List<String> members = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            if (exposed(field.getModifiers(), type) && !field.isSynthetic()) {
                members.add("  " + Modifier.toString(field.getModifiers()) + " " + field.getGenericType().getTypeName()
                        + " " + field.getName());
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (exposed(constructor.getModifiers(), type) && !constructor.isSynthetic()) {
                members.add("  " + Modifier.toString(constructor.getModifiers()) + " " + type.getSimpleName()
                        + parameters(constructor));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (exposed(method.getModifiers(), type) && !method.isSynthetic() && !method.isBridge()) {
                members.add("  " + Modifier.toString(method.getModifiers() & ~Modifier.TRANSIENT) + " "
                        + method.getGenericReturnType().getTypeName() + " " + method.getName() + parameters(method));
            }
        }
        members.sort(null);
        lines.addAll(members);
    }

    private static boolean exposed(int modifiers, Class<?> owner) {
        return Modifier.isPublic(modifiers)
                || (Modifier.isProtected(modifiers) && !Modifier.isFinal(owner.getModifiers()));
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return type.isRecord() ? "record" : "class";
    }

    private static String supertypes(Class<?> type) {
        List<String> supers = new ArrayList<>();
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            supers.add("extends " + type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0 && !type.isAnnotation()) {
            supers.add((type.isInterface() ? "extends " : "implements ") + Arrays.stream(type.getGenericInterfaces())
                    .map(t -> t.getTypeName()).collect(Collectors.joining(", ")));
        }
        return supers.isEmpty() ? "" : " " + String.join(" ", supers);
    }

    private static String parameters(Executable executable) {
        return Arrays.stream(executable.getGenericParameterTypes()).map(t -> t.getTypeName())
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
