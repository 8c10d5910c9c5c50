package dev.troupe.demo.chat;

import dev.troupe.agent.LlmProvider;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the chat actors share in a process: the model they answer with, the children a conversation
 * may start, and how long a rollup waits for them. The runtime builds actors with their no-argument
 * constructor, so they reach these settings here, as they would reach any client; the program sets
 * them once before it serves ({@link #use}). The provider is never part of an actor's state.
 */
public final class ChatSetup {
    private static volatile Settings current = new Settings(new OfflineResponder(Duration.ZERO), "offline", true,
            builtInChildren(), Duration.ofSeconds(10));

    private ChatSetup() {
    }

    /**
     * The chat's settings.
     *
     * @param provider      the model's provider (the offline responder without a key)
     * @param model         the model asked
     * @param offline       whether the provider is the offline responder, as the page says
     * @param catalogue     the children a conversation may start
     * @param rollupTimeout how long a message's rollup waits for its children before it closes as partial
     */
    public record Settings(LlmProvider provider, String model, boolean offline, List<ChildManifest> catalogue,
                           Duration rollupTimeout) {
        /** Checks and freezes the fields. */
        public Settings {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(model, "model");
            catalogue = List.copyOf(catalogue);
            Objects.requireNonNull(rollupTimeout, "rollupTimeout");
        }

        /** The manifest named {@code name}, if the catalogue has it. */
        Optional<ChildManifest> child(String name) {
            return catalogue.stream().filter(manifest -> manifest.name().equals(name)).findFirst();
        }
    }

    /** Sets the settings for every chat actor of this process. */
    public static void use(Settings settings) {
        current = Objects.requireNonNull(settings, "settings");
    }

    /** The settings in use. */
    public static Settings current() {
        return current;
    }

    /**
     * The children shipped with the demo: the summariser (with the model) and the extractor (without);
     * with {@code wasm}, also the WebAssembly word count (type {@code wasm-word-count}).
     */
    public static List<ChildManifest> builtInChildren(boolean wasm) {
        List<String> names = wasm ? List.of("summariser", "extractor", "word-count") : List.of("summariser", "extractor");
        return names.stream().map(ChildManifest::builtIn).toList();
    }

    private static List<ChildManifest> builtInChildren() {
        return builtInChildren(false);
    }
}
