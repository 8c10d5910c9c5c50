package dev.troupe.statechart;

/** XState's event descriptor matching: exact, {@code *}, and partial wildcards such as {@code mouse.*}. */
final class EventDescriptors {
    private EventDescriptors() {}

    /** Whether the descriptor can match event types other than itself. */
    static boolean isWildcard(String descriptor) {
        return descriptor.equals("*") || descriptor.endsWith(".*");
    }

    static boolean matches(String eventType, String descriptor) {
        if (descriptor.equals(eventType) || descriptor.equals("*")) {
            return true;
        }
        if (!descriptor.endsWith(".*")) {
            return false;
        }
        String[] partial = descriptor.split("\\.", -1);
        String[] tokens = eventType.split("\\.", -1);
        for (int i = 0; i < partial.length; i++) {
            if (partial[i].equals("*")) {
                return i == partial.length - 1;
            }
            if (i >= tokens.length || !partial[i].equals(tokens[i])) {
                return false;
            }
        }
        return true;
    }
}
