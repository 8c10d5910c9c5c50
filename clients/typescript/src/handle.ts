import type { ClientConfig } from "./config.js";
import { ActorConnection, type ConnectParams } from "./connection.js";
import { ClientErrorCode, clientError, isRecord } from "./errors.js";
import { ChainChecker, type ChainVerification, type HistoryEntry } from "./history.js";
import { request } from "./http.js";
import type { StateValue, WaitOptions } from "./machine.js";
import type { ActionArgs, ActionName, ActionResult, UntypedActions, UntypedEvents } from "./types.js";
import { actorUrl, idUrl, webSocketUrl } from "./urls.js";

/** How HTTP action calls of a handle treat an actor that does not exist yet. */
export interface HandleOptions {
  /** `getOrCreate` (default) creates the actor on first use; `get` fails with `actor/not_found`. */
  readonly mode?: "get" | "getOrCreate";
  /** The input passed to `onCreate` when a call creates the actor. */
  readonly input?: unknown;
}

/** What `GET /v1/actors/{type}` and `GET /v1/ids/{id}` answer, and a listing holds. */
export interface ActorInfo {
  readonly id: string;
  readonly type: string;
  readonly key: readonly string[];
  /** ISO-8601 instant. */
  readonly createdAt: string;
}

/** A snapshot of a view, as `GET /v1/actors/{type}/view` answers. */
export interface ViewSnapshot<V> {
  readonly view: V;
  readonly checksum: string;
  /** Always 0 for a snapshot: sequence numbers count the frames of a WebSocket sync. */
  readonly seq: number;
}

/** A page of an actor's history, as `GET /v1/actors/{type}/history` answers. */
export interface HistoryPage {
  /** The actor's id, part of every entry's hash. */
  readonly actorId: string;
  /** The entries, in seq order. */
  readonly entries: readonly HistoryEntry[];
  /** The `from` of the next page, or null at the end. */
  readonly next: number | null;
}

/** The actor's retained history and the verdict on it, from {@link ActorHandle.fetchHistory}. */
export interface VerifiedHistory {
  readonly actorId: string;
  /** The entries that verified, oldest first (up to the first bad one). */
  readonly entries: readonly HistoryEntry[];
  readonly verification: ChainVerification;
}

/**
 * What every actor handle does, by type and key ({@link ActorHandle}) or by id ({@link ActorIdHandle}):
 * calls over HTTP, one request each, info, destroy, the view, waits for machine states and events, and
 * a WebSocket for events, views and lower-latency calls. Creating a handle contacts nothing.
 */
export abstract class ActorOperations<A = UntypedActions, E = UntypedEvents, V = unknown> {
  /** The operations; internal, use {@link TroupeClient.actor} or {@link TroupeClient.byId}. */
  protected constructor(protected readonly config: ClientConfig) {}

  /** The URL of one of the actor's routes (`""`, `/view`, `/actions/…`, `/connect`) with `extra` parameters. */
  protected abstract url(suffix: string, extra?: Readonly<Record<string, string>>): URL;

  /** The query parameters and body fields of an action call (by key: `mode`, and `input`). */
  protected abstract callOptions(): HandleOptions;

  /** The connection of this handle's actor at the WebSocket URL `url`. */
  protected abstract connection(url: string, params: ConnectParams | undefined): ActorConnection<A, E, V>;

  /**
   * Calls an action over HTTP and resolves with its output once the turn is durable.
   *
   * @throws ActorError (as a rejection) with the server's `group/code`, or `client/network_error`
   */
  async call<K extends ActionName<A>>(action: K, ...args: ActionArgs<A, K>): Promise<ActionResult<A, K>> {
    const { mode, input } = this.callOptions();
    const url = this.url(`/actions/${encodeURIComponent(action)}`, mode === undefined ? {} : { mode });
    const body = input === undefined ? { args } : { args, input };
    const answer = await request(this.config, "POST", url, body);
    if (!isRecord(answer) || !("output" in answer)) throw badAnswer("an action", answer);
    return answer["output"] as ActionResult<A, K>;
  }

  /**
   * Enqueues `message` (any JSON value) to the actor's queue `queue` over HTTP and resolves once it is
   * durable; the actor's queue handler or run loop processes it at least once, in order with this
   * client's other messages (docs/queues.md). Never creates the actor.
   *
   * @throws ActorError (as a rejection) `queue/not_found`, `actor/not_found`, `message/too_large`,
   *         `auth/forbidden`, or `client/network_error`
   */
  async enqueue(queue: string, message: unknown): Promise<void> {
    const answer = await request(this.config, "POST", this.url(`/queues/${encodeURIComponent(queue)}`), {
      message: message === undefined ? null : message,
    });
    if (!isRecord(answer) || answer["queue"] !== queue) throw badAnswer("an enqueue", answer);
  }

  /** Describes the actor; fails with `actor/not_found` if it does not exist. */
  async info(): Promise<ActorInfo> {
    return actorInfo(await request(this.config, "GET", this.url("")), "info");
  }

  /** Destroys the actor: its state, schedules and history. */
  async destroy(): Promise<void> {
    await request(this.config, "DELETE", this.url(""));
  }

  /** The caller's current view, once, over HTTP (fails with `actor/not_found` if the actor does not exist). */
  async fetchView(): Promise<ViewSnapshot<V>> {
    const answer = await request(this.config, "GET", this.url("/view"));
    if (!isRecord(answer) || typeof answer["checksum"] !== "string") throw badAnswer("view", answer);
    return answer as unknown as ViewSnapshot<V>;
  }

  /**
   * Waits until the machine actor is in `state` (XState's `matchesState`: a dotted path such as
   * `"editing.draft"` or a partial state value), over HTTP, and resolves with the caller's view then,
   * at once if it already is.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` (408) once `timeoutMs` (default and at
   *         most 30000) passed; `actor/not_found` if the actor does not exist
   */
  async waitForState(state: StateValue, options: WaitOptions = {}): Promise<ViewSnapshot<V>> {
    return this.waitFor({ waitForState: typeof state === "string" ? state : JSON.stringify(state) }, options);
  }

  /**
   * Waits until the machine actor has processed the next event of type `eventType`, over HTTP, and
   * resolves with the caller's view after it.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` (408) once `timeoutMs` (default and at
   *         most 30000) passed; `actor/not_found` if the actor does not exist
   */
  async waitForEvent(eventType: string, options: WaitOptions = {}): Promise<ViewSnapshot<V>> {
    return this.waitFor({ waitForEvent: eventType }, options);
  }

  private async waitFor(condition: Readonly<Record<string, string>>, options: WaitOptions): Promise<ViewSnapshot<V>> {
    const query = options.timeoutMs === undefined ? condition : { ...condition, waitMs: String(options.timeoutMs) };
    const answer = await request(this.config, "GET", this.url("/view", query));
    if (!isRecord(answer) || typeof answer["checksum"] !== "string") throw badAnswer("a wait", answer);
    return answer as unknown as ViewSnapshot<V>;
  }

  /**
   * Opens a WebSocket connection to the actor; `params` reach its `onBeforeConnect` and `onConnect`.
   * The connection reconnects by itself until closed.
   */
  connect(params?: ConnectParams): ActorConnection<A, E, V> {
    return this.connection(webSocketUrl(this.url("/connect")), params);
  }
}

/**
 * A reference to one actor by type and key. Calls create the actor on first use unless `mode` is
 * `get`; {@link connect} does too. Obtain one with {@link TroupeClient.actor}, which also exposes the
 * actions as methods.
 */
export class ActorHandle<A = UntypedActions, E = UntypedEvents, V = unknown> extends ActorOperations<A, E, V> {
  /** A handle; internal, use {@link TroupeClient.actor}. */
  constructor(
    config: ClientConfig,
    /** The actor type. */
    readonly type: string,
    /** The actor key. */
    readonly key: readonly string[],
    private readonly options: HandleOptions = {},
  ) {
    super(config);
  }

  /** Creates the actor with `input`; fails with `actor/duplicate_key` if it exists. */
  async create(input?: unknown): Promise<{ readonly id: string; readonly key: readonly string[] }> {
    const answer = await request(this.config, "POST", this.url(""), input === undefined ? {} : { input });
    if (!isRecord(answer) || typeof answer["id"] !== "string") throw badAnswer("create", answer);
    return answer as { id: string; key: string[] };
  }

  /**
   * A page of the actor's turn history over HTTP: the retained entries from seq `from` (default 1),
   * at most `limit` (1 to 1000, default 100). Needs `#history`: clients are refused (`auth/forbidden`)
   * unless a rule grants it by name.
   */
  async historyPage(options: { readonly from?: number; readonly limit?: number } = {}): Promise<HistoryPage> {
    const query: Record<string, string> = {};
    if (options.from !== undefined) query["from"] = String(options.from);
    if (options.limit !== undefined) query["limit"] = String(options.limit);
    const answer = await request(this.config, "GET", this.url("/history", query));
    if (!isRecord(answer) || !Array.isArray(answer["entries"])) throw badAnswer("a history page", answer);
    return answer as unknown as HistoryPage;
  }

  /**
   * The actor's whole retained history, page by page, each page verified with WebCrypto as it arrives
   * (the chain's hashes, links and positions, as `History.verify()` on the server); fetching stops at
   * the first bad entry, which the verdict names.
   */
  async fetchHistory(): Promise<VerifiedHistory> {
    let page = await this.historyPage({ limit: 1000 });
    const checker = new ChainChecker(page.actorId);
    const entries: HistoryEntry[] = [];
    for (;;) {
      const valid = await checker.accept(page.entries);
      if (valid) entries.push(...page.entries);
      if (!valid || page.next === null) break;
      page = await this.historyPage({ from: page.next, limit: 1000 });
    }
    return { actorId: page.actorId, entries, verification: checker.verdict };
  }

  protected url(suffix: string, extra: Readonly<Record<string, string>> = {}): URL {
    return actorUrl(this.config.baseUrl, this.type, suffix, this.key, extra);
  }

  protected callOptions(): HandleOptions {
    return this.options;
  }

  protected connection(url: string, params: ConnectParams | undefined): ActorConnection<A, E, V> {
    return new ActorConnection<A, E, V>(this.config, url, this.type, this.key, params);
  }
}

/**
 * A reference to the existing actor with an id (as its info, creation or a listing names it), over
 * the `/v1/ids/{id}` routes: the same operations as by type and key, but it never creates an actor, so
 * every operation fails with `actor/not_found` once no actor has the id (`request/invalid_id` if it is
 * not an actor id). Obtain one with {@link TroupeClient.byId}, which also exposes the actions as methods.
 */
export class ActorIdHandle<A = UntypedActions, E = UntypedEvents, V = unknown> extends ActorOperations<A, E, V> {
  /** A handle; internal, use {@link TroupeClient.byId}. */
  constructor(
    config: ClientConfig,
    /** The actor's id. */
    readonly id: string,
  ) {
    super(config);
  }

  protected url(suffix: string, extra: Readonly<Record<string, string>> = {}): URL {
    return idUrl(this.config.baseUrl, this.id, suffix, extra);
  }

  protected callOptions(): HandleOptions {
    return {};
  }

  protected connection(url: string, params: ConnectParams | undefined): ActorConnection<A, E, V> {
    return new ActorConnection<A, E, V>(this.config, url, undefined, undefined, params);
  }
}

/** `answer` as an actor's info. */
export function actorInfo(answer: unknown, what: string): ActorInfo {
  if (!isRecord(answer) || typeof answer["id"] !== "string") throw badAnswer(what, answer);
  return answer as unknown as ActorInfo;
}

/** The error of an answer that is not what `what` answers. */
export function badAnswer(what: string, answer: unknown) {
  return clientError(ClientErrorCode.BadResponse, `unexpected answer to ${what}`, {
    answer: JSON.stringify(answer)?.slice(0, 200),
  });
}
