/**
 * Verifying an actor's turn history as it arrives: the SHA-256 hash chain of docs/history.md, checked
 * with WebCrypto (`crypto.subtle.digest`), entry by entry, in the same order and with the same first
 * bad position as the server's `History.verify()`.
 *
 * @module
 */
import { canonicalJson, checksum, sha256Hex } from "./canonical.js";
import { type ActorError, ClientErrorCode, clientError } from "./errors.js";

/** One history entry as the server sends it: the stored JSON fields as their exact text. */
export interface HistoryEntry {
  readonly seq: number;
  /** ISO-8601 instant. */
  readonly at: string;
  /** `at` in microseconds since the epoch, as the hash covers it. */
  readonly atMicros: number;
  readonly caller: string;
  readonly message: string;
  readonly outcome: string;
  readonly effects: string;
  readonly stateHash: string;
  readonly prevHash: string | null;
  readonly hash: string;
  /** On checkpoint entries only: the full state as JSON text. */
  readonly checkpoint?: { readonly state: string; readonly stateVersion: number };
}

/** The verdict on a run of entries. */
export interface ChainVerification {
  readonly valid: boolean;
  /** How many entries checked out. */
  readonly entries: number;
  /** The first position that is wrong or missing, or null. */
  readonly firstBadSeq: number | null;
  /** What is wrong there, or null. */
  readonly problem: string | null;
}

/** Where checking starts: the chain's beginning, or a position whose predecessor's hash you hold. */
export interface ChainStart {
  /** The seq the first entry must have. */
  readonly seq: number;
  /** The hash the first entry must link to (the last one you verified), if you hold it. */
  readonly prevHash?: string;
}

/**
 * The entry's hash as docs/history.md ("Encoding") defines it: the lower-case hex SHA-256 of
 * `{"actor":A,"at":T,"caller":C,"effects":E,"message":M,"outcome":O,"prev":P,"seq":S,"state":H,"v":1}`
 * with the stored texts inserted verbatim.
 */
export function entryHash(actorId: string, entry: HistoryEntry): Promise<string> {
  const prev = entry.prevHash === null ? "null" : canonicalJson(entry.prevHash);
  return sha256Hex(
    `{"actor":${canonicalJson(actorId)},"at":${entry.atMicros},"caller":${entry.caller},` +
      `"effects":${entry.effects},"message":${entry.message},"outcome":${entry.outcome},` +
      `"prev":${prev},"seq":${entry.seq},"state":${canonicalJson(entry.stateHash)},"v":1}`,
  );
}

/**
 * Checks a chain entry by entry, as it arrives (HTTP pages, WebSocket history frames), and stops at
 * the first bad position. Without a {@link ChainStart}, the first entry must be the chain's first
 * (seq 1, no previous hash) or a checkpoint (older entries dropped by retention; its previous hash
 * is trusted); every later entry must have the next seq and link to its predecessor's hash; every
 * hash is recomputed; every checkpoint's state must hash to its state hash.
 */
export class ChainChecker {
  private checked = 0;
  private last: { readonly seq: number; readonly hash: string } | undefined;
  private bad: { readonly seq: number; readonly problem: string } | undefined;

  /** A checker of `actorId`'s chain, from its start or from `start`. */
  constructor(
    private readonly actorId: string,
    private readonly start?: ChainStart,
  ) {}

  /** The verdict so far. */
  get verdict(): ChainVerification {
    return {
      valid: this.bad === undefined,
      entries: this.checked,
      firstBadSeq: this.bad?.seq ?? null,
      problem: this.bad?.problem ?? null,
    };
  }

  /** The seq the next entry must have (undefined before the first, unless started at a position). */
  get nextSeq(): number | undefined {
    return this.last === undefined ? this.start?.seq : this.last.seq + 1;
  }

  /** Checks the next entries in order; resolves false once the chain is broken (see {@link verdict}). */
  async accept(entries: readonly HistoryEntry[]): Promise<boolean> {
    for (const entry of entries) {
      if (this.bad !== undefined) return false;
      const problem = await this.check(entry);
      if (problem !== undefined) {
        this.bad = problem;
        return false;
      }
      this.checked += 1;
      this.last = { seq: entry.seq, hash: entry.hash };
    }
    return this.bad === undefined;
  }

  private async check(entry: HistoryEntry): Promise<{ seq: number; problem: string } | undefined> {
    const seq = entry.seq;
    const anchor = this.last === undefined ? this.start : { seq: this.last.seq + 1, prevHash: this.last.hash };
    if (anchor === undefined) {
      if (entry.prevHash === null ? seq !== 1 : entry.checkpoint === undefined) {
        return entry.prevHash === null
          ? { seq, problem: `entry ${seq} has no previous hash but is not the first entry` }
          : { seq, problem: `the oldest retained entry ${seq} is not a checkpoint` };
      }
    } else {
      if (seq !== anchor.seq) {
        return seq > anchor.seq
          ? { seq: anchor.seq, problem: `entry ${anchor.seq} is missing` }
          : { seq, problem: `entry ${seq} is out of order after ${anchor.seq - 1}` };
      }
      if (anchor.prevHash !== undefined && entry.prevHash !== anchor.prevHash) {
        return { seq, problem: `entry ${seq} does not link to entry ${anchor.seq - 1}` };
      }
    }
    if ((await entryHash(this.actorId, entry)) !== entry.hash) {
      return { seq, problem: `entry ${seq} does not match its hash` };
    }
    if (entry.checkpoint !== undefined) {
      const state = await checksum(JSON.parse(entry.checkpoint.state));
      if (state !== entry.stateHash) {
        return { seq, problem: `the checkpoint of entry ${seq} does not match its state hash` };
      }
    }
    return undefined;
  }
}

/**
 * Verifies a run of an actor's entries, oldest first, from the chain's start (or from `start`): the
 * same checks and first bad position as the server's `History.verify()`, apart from comparing the
 * newest state hash with the stored state, which a client does not hold.
 */
export async function verifyChain(
  actorId: string,
  entries: readonly HistoryEntry[],
  start?: ChainStart,
): Promise<ChainVerification> {
  const checker = new ChainChecker(actorId, start);
  await checker.accept(entries);
  return checker.verdict;
}

/** What {@link ActorConnection.history} takes. */
export interface HistorySubscription {
  /** The first seq wanted; absent or 0: the oldest retained entry. */
  readonly from?: number;
  /** The hash of entry `from - 1`, if you hold it, so the first entry is checked against it. */
  readonly prevHash?: string;
  /** Called with each page of entries, verified, in seq order: each entry once, across reconnects. */
  readonly onEntries: (entries: readonly HistoryEntry[]) => void;
  /**
   * Called once if the subscription ends: refused by the server (`auth/forbidden`,
   * `history/disabled`), `history/not_retained`, or `client/history_unverifiable` for entries that do
   * not verify (they are not delivered).
   */
  readonly onError?: (error: ActorError) => void;
}

/*
 * One connection's history subscription, on the client side. Each page from the server is checked by
 * a ChainChecker before it is delivered; pages are processed one after another (hashing is
 * asynchronous), and a resubscription after a reconnect waits until the pages received before it are
 * processed, so that it asks exactly for the seq after the last entry delivered: no gap, no duplicate.
 */
export class HistoryFollower {
  private checker: ChainChecker | undefined;
  private frameId: number | string | undefined;
  private processing: Promise<void> = Promise.resolve();
  private ended = false;

  /**
   * A follower; `subscribe` sends a history frame from a seq and returns its id (undefined if the
   * socket is not open: the next welcome subscribes again); `unsubscribe` sends the frame that stops
   * the server's subscription, when the follower ends while subscribed.
   */
  constructor(
    private readonly options: HistorySubscription,
    private readonly subscribe: (from: number) => number | string | undefined,
    private readonly unsubscribe: () => void,
  ) {}

  /** Whether it still wants entries. */
  get active(): boolean {
    return !this.ended;
  }

  /** The connection is (again) open: subscribe from the seq after the last entry delivered. */
  welcomed(actorId: string): void {
    this.processing = this.processing.then(() => {
      if (this.ended) return;
      const checker = this.checker ?? this.chainOf(actorId);
      this.frameId = this.subscribe(checker.nextSeq ?? 0);
    });
  }

  /** A history frame arrived. */
  receive(id: number | string, entries: readonly HistoryEntry[]): void {
    if (id !== this.frameId) return;
    this.processing = this.processing.then(async () => {
      const checker = this.checker;
      if (this.ended || checker === undefined || id !== this.frameId) return;
      if (await checker.accept(entries)) {
        this.options.onEntries(entries);
        return;
      }
      const verdict = checker.verdict;
      this.fail(
        clientError(ClientErrorCode.HistoryUnverifiable, `the history does not verify: ${verdict.problem}`, {
          firstBadSeq: verdict.firstBadSeq,
        }),
      );
    });
  }

  /** Whether an error frame with `id` belongs to this subscription (then it ended). */
  refused(id: number | string | null, error: ActorError): boolean {
    if (id === null || id !== this.frameId) return false;
    this.fail(error);
    return true;
  }

  /** Ends the subscription; `error` (if any) goes to `onError`. Idempotent. */
  fail(error?: ActorError): void {
    if (this.ended) return;
    this.ended = true;
    if (this.frameId !== undefined) this.unsubscribe();
    this.frameId = undefined;
    if (error !== undefined) this.options.onError?.(error);
  }

  private chainOf(actorId: string): ChainChecker {
    const from = this.options.from ?? 0;
    this.checker = new ChainChecker(actorId, from > 0 ? { seq: from, ...optional(this.options.prevHash) } : undefined);
    return this.checker;
  }
}

function optional(prevHash: string | undefined): { prevHash?: string } {
  return prevHash === undefined ? {} : { prevHash };
}
