package dev.troupe.bench.history;

import dev.troupe.store.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The baseline of verify: SHA-256 alone over exactly the bytes verify hashes, each entry's canonical
 * encoding (docs/history.md, Encoding), built here from the documented rules and checked against the
 * stored hash, so the baseline is also an independent check of the encoding.
 */
final class RawHashing {
    private RawHashing() {
    }

    /** The best rate, in entries per second, of {@code runs} passes hashing every entry's encoding. */
    static double entriesPerSecond(String actorId, List<HistoryEntry> entries, int runs) throws Exception {
        byte[][] inputs = new byte[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            HistoryEntry entry = entries.get(i);
            inputs[i] = encoding(actorId, entry).getBytes(StandardCharsets.UTF_8);
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(inputs[i]));
            if (!hash.equals(entry.hash())) {
                throw new IllegalStateException("entry " + entry.seq() + " is not hashed as docs/history.md says");
            }
        }
        double best = 0;
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            for (byte[] input : inputs) {
                MessageDigest.getInstance("SHA-256").digest(input);
            }
            best = Math.max(best, inputs.length / ((System.nanoTime() - start) / 1e9));
        }
        return best;
    }

    private static String encoding(String actorId, HistoryEntry entry) {
        long micros = entry.at().getEpochSecond() * 1_000_000L + entry.at().getNano() / 1_000;
        return "{\"actor\":\"" + actorId + "\",\"at\":" + micros + ",\"caller\":" + entry.caller()
                + ",\"effects\":" + entry.effects() + ",\"message\":" + entry.message() + ",\"outcome\":"
                + entry.outcome() + ",\"prev\":" + (entry.prevHash() == null ? "null" : "\"" + entry.prevHash() + "\"")
                + ",\"seq\":" + entry.seq() + ",\"state\":\"" + entry.stateHash() + "\",\"v\":1}";
    }
}
