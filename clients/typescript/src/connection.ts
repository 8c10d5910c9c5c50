import { Backoff } from "./backoff.js";
import { Channel, disconnected, type ChannelListener, type ChannelName } from "./channel.js";
import { closeError, CloseCode, shouldReconnect } from "./close-codes.js";
import type { ClientConfig, WebSocketLike } from "./config.js";
import { describe } from "./config.js";
import { ActorError, ClientErrorCode, clientError, isRecord } from "./errors.js";
import {
  parseServerFrame,
  type ActionRequest,
  type EnqueueRequest,
  type ClientFrame,
  type FrameId,
  type ServerFrame,
  type WaitRequest,
} from "./frames.js";
import { HistoryFollower, type HistorySubscription } from "./history.js";
import { Listeners } from "./listeners.js";
import type { StateValue, WaitOptions } from "./machine.js";
import { actionsProxy } from "./proxy.js";
import type {
  ActionArgs,
  ActionName,
  ActionResult,
  Actions,
  EventArgs,
  EventName,
  UntypedActions,
  UntypedEvents,
} from "./types.js";
import { LiveView, type View, type ViewRequest } from "./view.js";
import { watchWakeups } from "./wake.js";

/**
 * Where a connection stands:
 * - `connecting`: the first attempt is under way;
 * - `open`: the server welcomed it; actions go out at once;
 * - `reconnecting`: it dropped and is waiting for the backoff or trying again; actions queue;
 * - `closed`: for good, by {@link ActorConnection.close} or by a refusal that is not retried.
 */
export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "closed";

/** Connection parameters, passed to the actor's `onBeforeConnect` and `onConnect`. */
export type ConnectParams = Readonly<Record<string, unknown>>;

interface PendingAction {
  /** The action's name, `wait` for a wait, or `#enqueue:QUEUE` for an enqueue: what a refusal names. */
  readonly name: string;
  /** The frame to send, without its id. */
  readonly frame: ActionRequest | WaitRequest | EnqueueRequest;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: ActorError) => void;
}

interface PendingChannel {
  readonly listener: ChannelListener;
  readonly resolve: (channel: Channel) => void;
  readonly reject: (error: ActorError) => void;
}

const OPEN = 1;

/*
 * A WebSocket connection to one actor that survives drops.
 *
 * Each attempt resolves the token, opens a socket and sends the auth frame; the server answers with
 * a welcome frame, and only then is the connection open: event subscriptions are sent again, the view
 * sync restarts from the checksum held, and queued actions go out in call order. A drop fails the
 * actions already sent (they may or may not have run: client/connection_lost) and schedules the next
 * attempt after a jittered exponential backoff, forever, unless the close code says the server refused
 * the connection for a reason a retry cannot fix. Browsers' online and visibilitychange events cut the
 * wait short.
 *
 * Every socket callback checks that its socket is still the current one, so a late event from an
 * abandoned socket changes nothing.
 */

/**
 * A live WebSocket connection to one actor: actions with results, events, a synchronised view, and
 * automatic reconnection. Create one with {@link ActorHandle.connect} or {@link ActorIdHandle.connect}.
 *
 * @typeParam A the actor's contract (an interface of its actions)
 * @typeParam E its events: event name to argument tuple
 * @typeParam V its view
 */
export class ActorConnection<A = UntypedActions, E = UntypedEvents, V = unknown> {
  /** The connection's actions as methods: `connection.actions.increment(1)`. */
  readonly actions: Actions<A>;
  private statusValue: ConnectionStatus = "connecting";
  private errorValue: ActorError | undefined;
  private welcome: { readonly actorId: string; readonly connectionId: string } | undefined;
  private socket: WebSocketLike | undefined;
  private attemptNumber = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId: FrameId = 1;
  private viewRequestId: FrameId | undefined;
  private announced: ActorError | undefined;
  private liveView: LiveView<V> | undefined;
  private follower: HistoryFollower | undefined;
  private readonly inFlight = new Map<FrameId, PendingAction>();
  private readonly queue: PendingAction[] = [];
  private readonly events = new Map<string, Listeners<unknown[]>>();
  private readonly opening = new Map<ChannelName, PendingChannel>();
  private readonly channels = new Map<ChannelName, Channel>();
  private readonly statusListeners = new Listeners<[ConnectionStatus, ActorError | undefined]>();
  private readonly errorListeners = new Listeners<[ActorError]>();
  private readonly backoff: Backoff;
  private readonly stopWatching: () => void;

  /** Opens a connection; internal, use {@link ActorHandle.connect}. */
  constructor(
    private readonly config: ClientConfig,
    private readonly url: string,
    /** The actor type; undefined for a connection by id ({@link ActorIdHandle.connect}). */
    readonly type: string | undefined,
    /** The actor key; undefined for a connection by id. */
    readonly key: readonly string[] | undefined,
    /** The params sent in the auth frame. */
    readonly params: ConnectParams | undefined,
  ) {
    this.actions = actionsProxy<A>((name, args) => this.send(name, args));
    this.backoff = new Backoff(config.backoff);
    this.stopWatching = config.reconnectOnWake ? watchWakeups(() => this.reconnectNow()) : () => {};
    void this.attempt();
  }

  /** The actor, in words for messages: its type, or its id once welcomed. */
  private get subject(): string {
    return this.type ?? `actor ${this.actorId ?? "(by id)"}`;
  }

  /** Where the connection stands. */
  get status(): ConnectionStatus {
    return this.statusValue;
  }

  /** Why the connection is not open: the last drop while reconnecting, the final error once closed. */
  get error(): ActorError | undefined {
    return this.errorValue;
  }

  /** The actor's id, from the server's welcome (undefined before the first). */
  get actorId(): string | undefined {
    return this.welcome?.actorId;
  }

  /** This connection's id on the server; a new one after each reconnection. */
  get connectionId(): string | undefined {
    return this.welcome?.connectionId;
  }

  /** Calls `listener` with every status change and the error that caused it; returns an unsubscribe function. */
  onStatusChange(listener: (status: ConnectionStatus, error: ActorError | undefined) => void): () => void {
    return this.statusListeners.add(listener);
  }

  /**
   * Calls `listener` with errors that belong to no action: an error frame without an id, a view the
   * server refused or could not verify, a frame this client could not read. Returns an unsubscribe
   * function.
   */
  onError(listener: (error: ActorError) => void): () => void {
    return this.errorListeners.add(listener);
  }

  /** Resolves once the connection is open (at once if it is); rejects if it closes first. */
  whenOpen(): Promise<void> {
    if (this.statusValue === "open") return Promise.resolve();
    if (this.statusValue === "closed") return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const off = this.onStatusChange((status) => {
        if (status === "open") resolve();
        else if (status === "closed") reject(this.closedError());
        else return;
        off();
      });
    });
  }

  /**
   * Calls an action over the socket and resolves with its output. While the connection is not open
   * the call waits in a bounded queue and goes out, in order, once it is.
   *
   * @throws ActorError (as a rejection) the actor's or server's error; `client/queue_full` when too
   *         many calls are waiting; `client/connection_lost` when the socket dropped after the call was
   *         sent (it may or may not have run); `client/closed` after {@link close}
   */
  call<K extends ActionName<A>>(action: K, ...args: ActionArgs<A, K>): Promise<ActionResult<A, K>> {
    return this.send(action, args) as Promise<ActionResult<A, K>>;
  }

  /**
   * Enqueues `message` (any JSON value) to the actor's queue `queue` over the socket and resolves once
   * it is durable; a socket's enqueues are written in the order sent. Waits for the connection like
   * {@link call}.
   *
   * @throws ActorError (as a rejection) `queue/not_found`, `message/too_large`, `auth/forbidden`, and
   *         the connection errors of {@link call}
   */
  async enqueue(queue: string, message: unknown): Promise<void> {
    await this.request(`#enqueue:${queue}`, {
      type: "enqueue",
      queue,
      message: message === undefined ? null : message,
    });
  }

  /**
   * Listens to an actor event; the first listener of an event subscribes to it on the server, and the
   * returned function (idempotent) unsubscribes once the last listener of that event is gone.
   */
  on<K extends EventName<E>>(event: K, listener: (...args: EventArgs<E, K>) => void): () => void {
    let listeners = this.events.get(event);
    if (listeners === undefined) {
      listeners = new Listeners<unknown[]>();
      this.events.set(event, listeners);
      if (this.statusValue === "open") this.write({ type: "subscribe", event });
    }
    const remove = listeners.add(listener as (...args: unknown[]) => void);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      remove();
      if (listeners.size === 0 && this.events.get(event) === listeners) {
        this.events.delete(event);
        if (this.statusValue === "open") this.write({ type: "unsubscribe", event });
      }
    };
  }

  /** Like {@link on}, for the next occurrence only. */
  once<K extends EventName<E>>(event: K, listener: (...args: EventArgs<E, K>) => void): () => void {
    const off = this.on(event, (...args) => {
      off();
      listener(...args);
    });
    return off;
  }

  /**
   * The actor's view for this caller, kept in sync: the first call starts the sync, later calls
   * return the same view. See {@link View}.
   */
  view(): View<V> {
    if (this.liveView === undefined) {
      this.liveView = new LiveView<V>({
        send: (frame) => this.requestView(frame),
        warn: (error) => this.errorListeners.emit(error),
        verify: this.config.verifyViews,
      });
      if (this.statusValue === "open") this.liveView.start();
      else if (this.statusValue === "closed") this.liveView.fail(this.closedError());
    }
    return this.liveView;
  }

  /**
   * Follows the actor's turn history over this connection: the retained entries from `from` (the
   * backlog), then each new entry once durable, verified with WebCrypto before `onEntries` gets them
   * (see {@link HistorySubscription}). After a reconnect it subscribes again from the seq after the
   * last entry delivered, so each entry arrives once, in order. Needs `#history`, which the server
   * grants clients only by name. One subscription per connection: a new one replaces the previous.
   * Returns a function that stops it: nothing more is delivered, and a `stopHistory` frame stops the
   * server's subscription (as does a chain that does not verify).
   */
  history(subscription: HistorySubscription): () => void {
    this.follower?.fail();
    const follower = new HistoryFollower(
      subscription,
      (from) => this.subscribeHistory(from),
      () => this.write({ type: "stopHistory" }),
    );
    this.follower = follower;
    if (this.statusValue === "open" && this.welcome !== undefined) follower.welcomed(this.welcome.actorId);
    else if (this.statusValue === "closed") follower.fail(this.closedError());
    return () => follower.fail();
  }

  private subscribeHistory(from: number): FrameId | undefined {
    if (this.socket?.readyState !== OPEN) return undefined;
    const id = this.nextId++;
    this.write({ type: "history", id, from });
    return id;
  }

  /**
   * Waits until the machine actor is in `state` (XState's `matchesState`: a dotted path such as
   * `"editing.draft"` or a partial state value) and resolves with this caller's view then, at once if
   * it already is. Like a call, it waits for the connection to open.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` once `timeoutMs` (default and at most
   *         30000) passed; otherwise like {@link call}
   */
  async waitForState(state: StateValue, options: WaitOptions = {}): Promise<V> {
    return this.await({ type: "wait", waitForState: state, ...waitMs(options) });
  }

  /**
   * Waits until the machine actor has processed the next event of type `eventType` and resolves with
   * this caller's view after it.
   *
   * @throws ActorError (as a rejection) `machine/wait_timeout` once `timeoutMs` (default and at most
   *         30000) passed; otherwise like {@link call}
   */
  async waitForEvent(eventType: string, options: WaitOptions = {}): Promise<V> {
    return this.await({ type: "wait", waitForEvent: eventType, ...waitMs(options) });
  }

  private async await(frame: WaitRequest): Promise<V> {
    const answer = await this.request("wait", frame);
    if (!isRecord(answer) || !("view" in answer)) {
      throw clientError(ClientErrorCode.BadResponse, "unexpected answer to a wait", {
        answer: JSON.stringify(answer)?.slice(0, 200),
      });
    }
    return answer["view"] as V;
  }

  /**
   * Opens a channel to the actor, with `message` (a JSON value) as its first message, once the
   * connection is open; resolves when the actor accepted it. The actor's messages and the channel's
   * close go to `listener`. A channel lives on one socket: it closes with `channel/disconnected` when
   * the socket drops and is not reopened by the reconnect.
   *
   * @throws ActorError (as a rejection) `channel/rejected` (the actor's reason as the message, its
   *         code in `metadata.reason`), `channel/timeout`, `auth/forbidden` (the type's rules grant
   *         clients no `#channel`), `actor/not_found`, `channel/disconnected` if the socket dropped
   *         first, `client/closed` after {@link close}
   */
  async openChannel(message?: unknown, listener: ChannelListener = {}): Promise<Channel> {
    await this.whenOpen();
    const name = this.nextId++;
    return new Promise((resolve, reject) => {
      this.opening.set(name, { listener, resolve, reject });
      const sent = this.write(
        message === undefined
          ? { type: "channel.open", channel: name }
          : { type: "channel.open", channel: name, message },
      );
      if (!sent) {
        this.opening.delete(name);
        reject(disconnected(`the connection to ${this.subject} dropped before the channel opened`));
      }
    });
  }

  /** Skips the rest of the backoff wait and tries to reconnect now (no-op unless reconnecting). */
  reconnectNow(): void {
    if (this.statusValue !== "reconnecting" || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.attempt();
  }

  /**
   * Closes the connection for good. Queued calls fail with `client/closed`, and so do calls sent but
   * not yet answered (they may have run). Idempotent.
   */
  close(): void {
    if (this.statusValue === "closed") return;
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(CloseCode.Normal, "client closed");
    this.terminate(clientError(ClientErrorCode.Closed, "the connection was closed by the client"));
  }

  // ---- attempts -------------------------------------------------------------------------------

  private async attempt(): Promise<void> {
    const attempt = ++this.attemptNumber;
    let token: string | undefined;
    let socket: WebSocketLike;
    try {
      token = await this.config.token();
      if (attempt !== this.attemptNumber) return;
      socket = new (this.config.webSocket())(this.url);
    } catch (thrown) {
      if (attempt !== this.attemptNumber) return;
      const error = thrown instanceof ActorError ? thrown : clientError(ClientErrorCode.NetworkError, describe(thrown));
      if (error.is(`client/${ClientErrorCode.NoWebSocket}`)) this.terminate(error);
      else this.dropped(error);
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.current(socket)) this.write(auth(token, this.params));
    };
    socket.onmessage = (event) => {
      if (this.current(socket)) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (!this.current(socket)) return;
      this.socket = undefined;
      this.socketClosed(event.code, event.reason);
    };
    socket.onerror = () => {
      // A close event always follows; it carries the code.
    };
  }

  private current(socket: WebSocketLike): boolean {
    return this.socket === socket;
  }

  private socketClosed(code: number, reason: string): void {
    const error = closeError(code, reason, this.announced);
    this.announced = undefined;
    this.dropChannels(`the connection to ${this.subject} dropped (${error.qualifiedCode}: ${error.message})`);
    this.failInFlight(
      clientError(
        ClientErrorCode.ConnectionLost,
        `the connection dropped before the result arrived; the action may or may not have run (${error.qualifiedCode}: ${error.message})`,
        { closeCode: code },
        error,
      ),
    );
    if (shouldReconnect(code, this.config.canRefreshToken)) this.dropped(error);
    else this.terminate(error);
  }

  private dropped(error: ActorError): void {
    this.errorValue = error;
    this.setStatus("reconnecting");
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.attempt();
    }, this.backoff.next());
  }

  private terminate(error: ActorError): void {
    this.attemptNumber += 1;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.stopWatching();
    this.errorValue = error;
    this.dropChannels(`the connection to ${this.subject} is closed (${error.qualifiedCode}: ${error.message})`);
    const closed = this.closedError();
    this.failInFlight(closed);
    for (const pending of this.queue.splice(0)) pending.reject(closed);
    this.liveView?.fail(closed);
    this.follower?.fail(closed);
    this.setStatus("closed");
  }

  /** The socket is gone: channels opening fail, open ones close, with `channel/disconnected`. */
  private dropChannels(why: string): void {
    const error = disconnected(why);
    const opening = [...this.opening.values()];
    const open = [...this.channels.values()];
    this.opening.clear();
    this.channels.clear();
    for (const pending of opening) pending.reject(error);
    for (const channel of open) channel.closed(error);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === "open") this.errorValue = undefined;
    if (this.statusValue === status) return;
    this.statusValue = status;
    this.statusListeners.emit(status, this.errorValue);
  }

  // ---- frames in ------------------------------------------------------------------------------

  private receive(data: unknown): void {
    const frame = parseServerFrame(data);
    if (frame === undefined) {
      this.errorListeners.emit(
        clientError(ClientErrorCode.BadResponse, "the server sent a frame this client cannot read", {
          frame: String(data).slice(0, 200),
        }),
      );
      return;
    }
    this.handle(frame);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case "welcome":
        this.welcomed(frame.actorId, frame.connectionId);
        break;
      case "result":
        this.settle(frame.id, (pending) => pending.resolve(frame.output));
        break;
      case "error":
        this.errorFrame(frame.id, ActorError.fromWire(frame));
        break;
      case "event":
        this.events.get(frame.name)?.emit(...frame.args);
        break;
      case "view":
        void this.liveView?.receive(frame);
        break;
      case "history":
        this.follower?.receive(frame.id, frame.entries);
        break;
      case "channel.accept": {
        const pending = this.opening.get(frame.channel);
        if (pending === undefined) break;
        this.opening.delete(frame.channel);
        const channel = new Channel(frame.channel, frame.channelId, pending.listener, (out) => this.write(out));
        this.channels.set(frame.channel, channel);
        pending.resolve(channel);
        break;
      }
      case "channel.reject": {
        const pending = this.opening.get(frame.channel);
        this.opening.delete(frame.channel);
        pending?.reject(ActorError.fromWire(frame));
        break;
      }
      case "channel.message":
        this.channels.get(frame.channel)?.received(frame.message);
        break;
      case "channel.close": {
        const channel = this.channels.get(frame.channel);
        this.channels.delete(frame.channel);
        channel?.closed(ActorError.fromWire(frame));
        break;
      }
    }
  }

  private welcomed(actorId: string, connectionId: string): void {
    this.welcome = { actorId, connectionId };
    this.backoff.reset();
    this.setStatus("open");
    for (const event of this.events.keys()) this.write({ type: "subscribe", event });
    this.liveView?.start();
    if (this.follower?.active) this.follower.welcomed(actorId);
    for (const pending of this.queue.splice(0)) this.transmit(pending);
  }

  private errorFrame(id: FrameId | string | null, error: ActorError): void {
    if (id !== null && this.settle(id, (pending) => pending.reject(error))) return;
    const channel =
      typeof error.metadata["channel"] === "number" ? this.channels.get(error.metadata["channel"]) : undefined;
    if (channel !== undefined) {
      channel.refused(error);
      return;
    }
    if (this.follower?.refused(id, error)) return;
    if (id !== null && id === this.viewRequestId) this.liveView?.refused(error);
    if (id === null) this.announced = error;
    this.errorListeners.emit(error);
  }

  private settle(id: FrameId | string | null, settle: (pending: PendingAction) => void): boolean {
    const pending = typeof id === "number" ? this.inFlight.get(id) : undefined;
    if (pending === undefined) return false;
    this.inFlight.delete(id as FrameId);
    settle(pending);
    return true;
  }

  // ---- frames out -----------------------------------------------------------------------------

  private send(name: string, args: readonly unknown[]): Promise<unknown> {
    return this.request(name, { type: "action", name, args });
  }

  private request(name: string, frame: ActionRequest | WaitRequest | EnqueueRequest): Promise<unknown> {
    if (this.statusValue === "closed") return Promise.reject(this.closedError());
    return new Promise((resolve, reject) => {
      const pending: PendingAction = { name, frame, resolve, reject };
      if (this.statusValue === "open") {
        this.transmit(pending);
      } else if (this.queue.length < this.config.maxQueuedActions) {
        this.queue.push(pending);
      } else {
        reject(
          clientError(
            ClientErrorCode.QueueFull,
            `${this.queue.length} actions are already waiting for the connection to ${this.subject} to open; '${name}' was not sent`,
            { limit: this.config.maxQueuedActions, action: name },
          ),
        );
      }
    });
  }

  private transmit(pending: PendingAction): void {
    if (this.socket?.readyState !== OPEN) {
      // Open, but the socket is already closing: the close event will reconnect and flush the queue.
      this.queue.push(pending);
      return;
    }
    const id = this.nextId++;
    this.inFlight.set(id, pending);
    this.write({ ...pending.frame, id });
  }

  private requestView(frame: ViewRequest): void {
    if (this.statusValue !== "open") return;
    this.viewRequestId = this.nextId++;
    this.write({ ...frame, id: this.viewRequestId });
  }

  /** Sends `frame` if the socket is open; returns whether it did. */
  private write(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  private failInFlight(error: ActorError): void {
    const pending = [...this.inFlight.values()];
    this.inFlight.clear();
    for (const action of pending) action.reject(error);
  }

  private closedError(): ActorError {
    const cause = this.errorValue;
    if (cause !== undefined && cause.is(`client/${ClientErrorCode.Closed}`)) return cause;
    return clientError(
      ClientErrorCode.Closed,
      `the connection to ${this.subject} is closed${cause === undefined ? "" : ` (${cause.qualifiedCode}: ${cause.message})`}`,
      cause === undefined ? {} : { reason: cause.toJSON() },
      cause,
    );
  }
}

/** The frame field of a wait's timeout, absent for the server's default. */
function waitMs(options: WaitOptions): { readonly waitMs?: number } {
  return options.timeoutMs === undefined ? {} : { waitMs: options.timeoutMs };
}

function auth(token: string | undefined, params: ConnectParams | undefined): ClientFrame {
  return params === undefined ? { type: "auth", token: token ?? null } : { type: "auth", token: token ?? null, params };
}
