package dev.troupe;

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
import org.junit.jupiter.api.Test;

/**
 * The public API of {@code dev.troupe}, its SPIs ({@code dev.troupe.definition}, {@code dev.troupe.store})
 * and {@code dev.troupe.schema} is checked in as a listing, so every change to it shows up in review.
 * After an intended change, regenerate the listing with
 * {@code ./troupe test -pl troupe-core -Dtest=ApiSurfaceTest -Dtroupe.api.update=true
 * -Dsurefire.failIfNoSpecifiedTests=false} and commit it with the change.
 */
class ApiSurfaceTest {
    private static final List<String> PACKAGES = List.of(
            "dev.troupe", "dev.troupe.definition", "dev.troupe.schema", "dev.troupe.store");
    private static final Path LISTING = Path.of("api", "troupe-core.api");

    @Test
    void publicApi_matchesTheCheckedInListing() throws Exception {
        String current = listing();
        if (Boolean.getBoolean("troupe.api.update")) {
            Files.createDirectories(LISTING.getParent());
            Files.writeString(LISTING, current, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(LISTING)).as("missing %s; generate it with -Dtroupe.api.update=true", LISTING).isTrue();
        assertThat(current).as("public API changed; review, then regenerate %s with -Dtroupe.api.update=true", LISTING)
                .isEqualTo(Files.readString(LISTING, StandardCharsets.UTF_8));
    }

    private static String listing() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Key.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> lines = new ArrayList<>();
        for (String pkg : PACKAGES) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                    String name = pkg + "." + file.getFileName().toString().replace(".class", "");
                    Class<?> type = Class.forName(name, false, ApiSurfaceTest.class.getClassLoader());
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
