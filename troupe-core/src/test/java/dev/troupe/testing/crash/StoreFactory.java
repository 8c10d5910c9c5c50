package dev.troupe.testing.crash;

import dev.troupe.store.Store;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;

/**
 * Opens a {@link Store} from one string argument (a directory, a connection URI), so that a child JVM
 * can open the same store as its parent from nothing but command-line arguments, and this test-jar
 * needs no dependency on any store.
 *
 * <p>Implementations are public classes with a public no-argument constructor; {@link #open(String,
 * String)} finds them by name.
 */
public interface StoreFactory {

    /** Opens the store that {@code argument} names; the caller closes it. */
    Store open(String argument);

    /**
     * Instantiates the factory class named {@code factoryClass} and opens {@code argument} with it.
     *
     * @throws IllegalArgumentException if the class is missing, is not a {@link StoreFactory} or cannot
     *                                  be instantiated
     */
    static Store open(String factoryClass, String argument) {
        Objects.requireNonNull(argument, "argument");
        Class<?> type;
        try {
            type = Class.forName(factoryClass);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no store factory class " + factoryClass, e);
        }
        if (!StoreFactory.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(factoryClass + " does not implement " + StoreFactory.class.getName());
        }
        StoreFactory factory;
        try {
            factory = (StoreFactory) type.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalArgumentException(factoryClass + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("the constructor of " + factoryClass + " failed", e.getCause());
        }
        return factory.open(argument);
    }
}
