import { canChecksum, checksum } from "./canonical.js";
import { ClientErrorCode, clientError, type ActorError } from "./errors.js";
import { applyPatch, PatchError, type PatchOperation } from "./json-patch.js";
import type { JsonValue } from "./json.js";
import { Listeners } from "./listeners.js";

/** A `view` frame from the server: a full value or a patch, with the sequence number and checksum. */
export interface ViewFrame {
  readonly type: "view";
  readonly seq: number;
  readonly checksum: string;
  readonly value?: JsonValue;
  readonly patch?: readonly PatchOperation[];
}

/** A `view` frame to the server: starts a sync; `checksum` names the view the client already holds. */
export interface ViewRequest {
  readonly type: "view";
  readonly checksum?: string;
}

/** What a {@link LiveView} needs from its connection. Internal. */
export interface ViewChannel {
  /** Sends a frame if the socket is open; otherwise the next {@link LiveView.start} does the work. */
  send(frame: ViewRequest): void;
  /** Reports a problem that does not stop the view (a failed verification). */
  warn(error: ActorError): void;
  /** Whether frames are verified against their checksums. */
  readonly verify: boolean;
}

/** A read-only, live view of an actor's state for this caller. */
export interface View<V> {
  /** The current view, or undefined until the first one arrived. */
  readonly value: V | undefined;
  /** The sequence number of the frame the current value came from (restarts at 1 on each sync). */
  readonly seq: number;
  /** The server's checksum of the current value, or undefined before the first. */
  readonly checksum: string | undefined;
  /**
   * Calls `listener` with every new value (not with the current one); returns a function that
   * removes it.
   */
  subscribe(listener: (value: V) => void): () => void;
  /** The first value: resolves once one has arrived, rejects if the connection closes first. */
  ready(): Promise<V>;
}

/*
 * One connection's view sync, as a small state machine over the frames of the protocol.
 *
 *   start()      (on every welcome) sends {"type":"view","checksum":<last server checksum>?} and
 *                waits for a base: the frame with seq 1 of the new sync. The server sends the full
 *                value, or an empty patch when the checksum we named is current.
 *   synced       each frame must be seq+1; its patch applies to the current value; the result must
 *                hash to the frame's checksum.
 *   resync       on a sequence gap, a patch that does not apply or a checksum mismatch, the view frame
 *                is sent again without a checksum, so the next base is a full value.
 *
 * The server restarts its sequence at 1 for every sync, so frames of an abandoned sync (still in
 * flight, or queued here behind a hash computation) are told apart by a generation counter bumped at
 * every start and resync, and by the seq-1 rule for bases.
 *
 * Checksums are computed with WebCrypto, which is asynchronous, so frames are processed one at a time
 * through a promise chain, in arrival order. A full value whose checksum this client cannot reproduce
 * (the server formats some numbers differently) is still the server's truth: it is adopted, reported
 * once as client/view_unverifiable, and patches on top of it are then checked by sequence only, until
 * a full value verifies again. That way a formatting difference cannot cause a resync loop.
 */

/** The view sync of one connection. Internal: users see it through {@link View}. */
export class LiveView<V> implements View<V> {
  private current: JsonValue | undefined;
  private currentSeq = 0;
  private serverChecksum: string | undefined;
  private awaitingBase = true;
  private trusted = false;
  private generation = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly listeners = new Listeners<[V]>();
  private readonly waiters: Array<{ resolve: (value: V) => void; reject: (error: ActorError) => void }> = [];
  private failure: ActorError | undefined;

  /** A view over `channel`; call {@link start} once the connection is open. */
  constructor(private readonly channel: ViewChannel) {}

  get value(): V | undefined {
    return this.current as V | undefined;
  }

  get seq(): number {
    return this.currentSeq;
  }

  get checksum(): string | undefined {
    return this.serverChecksum;
  }

  subscribe(listener: (value: V) => void): () => void {
    return this.listeners.add(listener);
  }

  ready(): Promise<V> {
    if (this.current !== undefined) return Promise.resolve(this.current as V);
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Starts (or restarts, after a reconnection) the sync, naming the checksum of the view held. */
  start(): void {
    this.generation += 1;
    this.awaitingBase = true;
    this.channel.send(
      this.serverChecksum === undefined ? { type: "view" } : { type: "view", checksum: this.serverChecksum },
    );
  }

  /** Handles a view frame from the server; resolves once it has been processed (for tests). */
  receive(frame: ViewFrame): Promise<void> {
    const generation = this.generation;
    this.chain = this.chain.then(() => this.process(frame, generation));
    return this.chain;
  }

  /** Rejects pending {@link ready} calls: the server refused the sync (the caller may not view, say). */
  refused(error: ActorError): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  /** Rejects pending and future {@link ready} calls without a value: the connection closed for good. */
  fail(error: ActorError): void {
    this.failure = error;
    this.refused(error);
  }

  private async process(frame: ViewFrame, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    if (this.awaitingBase ? frame.seq !== 1 : frame.seq !== this.currentSeq + 1) {
      if (!this.awaitingBase) this.resync();
      return;
    }
    let next: JsonValue;
    try {
      next = this.candidate(frame);
    } catch (e) {
      if (!(e instanceof PatchError)) throw e;
      this.resync();
      return;
    }
    const verified = frame.value !== undefined || this.trusted ? await this.verify(next, frame.checksum) : undefined;
    if (generation !== this.generation) return;
    if (frame.value !== undefined) {
      this.trusted = verified !== false;
      if (verified === false) {
        this.channel.warn(
          clientError(
            ClientErrorCode.ViewUnverifiable,
            "the view's checksum does not match this client's; patches are checked by sequence only",
            { seq: frame.seq, checksum: frame.checksum },
          ),
        );
      }
    } else if (verified === false && this.trusted) {
      this.resync();
      return;
    }
    this.commit(next, frame);
  }

  /** The value a frame leads to. @throws PatchError if it cannot be applied */
  private candidate(frame: ViewFrame): JsonValue {
    if (frame.value !== undefined) return frame.value;
    if (this.current === undefined) throw new PatchError("a patch arrived before any full value");
    if (!Array.isArray(frame.patch)) throw new PatchError("a view frame needs 'value' or 'patch'");
    return applyPatch(this.current, frame.patch);
  }

  /** True or false when verified; undefined when verification is off or unavailable. */
  private async verify(value: JsonValue, expected: string): Promise<boolean | undefined> {
    if (!this.channel.verify || !canChecksum()) return undefined;
    return (await checksum(value)) === expected;
  }

  private commit(next: JsonValue, frame: ViewFrame): void {
    const changed = next !== this.current;
    this.current = next;
    this.currentSeq = frame.seq;
    this.serverChecksum = frame.checksum;
    this.awaitingBase = false;
    for (const waiter of this.waiters.splice(0)) waiter.resolve(next as V);
    if (changed) this.listeners.emit(next as V);
  }

  private resync(): void {
    this.generation += 1;
    this.awaitingBase = true;
    this.channel.send({ type: "view" });
  }
}
