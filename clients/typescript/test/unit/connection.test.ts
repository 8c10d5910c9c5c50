import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClient, type ClientOptions } from "../../src/index.js";
import { ActorError } from "../../src/errors.js";
import { checksum } from "../../src/canonical.js";
import { FakeSockets, flush } from "../support/fake-socket.js";

interface Counter {
  increment(amount: number): number;
  count(): number;
}
interface CounterEvents {
  newCount: [count: number];
}
interface CounterView {
  count: number;
}

let sockets: FakeSockets;

function connect(options: Partial<ClientOptions> = {}, params?: Record<string, unknown>) {
  const client = createClient({
    url: "http://127.0.0.1:7420",
    WebSocket: sockets.factory,
    reconnect: { initialDelayMs: 100, maxDelayMs: 1_000, jitter: 0.5 },
    ...options,
  });
  return client.actor<Counter, CounterEvents, CounterView>("counter", ["demo", "visits"]).connect(params);
}

/** A connection whose socket the server accepted. */
async function opened() {
  const connection = connect();
  await flush();
  sockets.last.accept();
  return connection;
}

beforeEach(() => {
  sockets = new FakeSockets();
  vi.useFakeTimers();
  vi.spyOn(Math, "random").mockReturnValue(0);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("ActorConnection: opening", () => {
  it("opens the connect route and sends the auth frame first, with token and params", async () => {
    const connection = connect({ token: "t0k" }, { room: "x" });
    await flush();
    expect(sockets.last.url).toBe("ws://127.0.0.1:7420/v1/actors/counter/connect?key=demo&key=visits");
    sockets.last.open();
    expect(sockets.last.frames()).toEqual([{ type: "auth", token: "t0k", params: { room: "x" } }]);
    expect(connection.status).toBe("connecting");
    sockets.last.receive({ type: "welcome", actorId: "A1", connectionId: "C1" });
    expect(connection.status).toBe("open");
    expect(connection.actorId).toBe("A1");
    expect(connection.connectionId).toBe("C1");
  });

  it("sends a null token for anonymous callers and wss for https", async () => {
    const connection = connect({ url: "https://example.test/base" });
    await flush();
    expect(sockets.last.url).toBe("wss://example.test/base/v1/actors/counter/connect?key=demo&key=visits");
    sockets.last.open();
    expect(sockets.last.frames()).toEqual([{ type: "auth", token: null }]);
    connection.close();
  });

  it("fails for good without a WebSocket implementation", async () => {
    vi.stubGlobal("WebSocket", undefined);
    const client = createClient({ url: "http://127.0.0.1:1" });
    const connection = client.actor("counter").connect();
    await flush();
    expect(connection.status).toBe("closed");
    expect(connection.error?.qualifiedCode).toBe("client/no_websocket");
    vi.unstubAllGlobals();
  });
});

describe("ActorConnection: actions", () => {
  it("queues calls until the welcome, then sends them in order with ids and resolves results", async () => {
    const connection = connect();
    const first = connection.call("increment", 1);
    const second = connection.actions.count();
    await flush();
    sockets.last.accept();
    const actions = sockets.last.framesOf("action");
    expect(actions).toEqual([
      { type: "action", id: 1, name: "increment", args: [1] },
      { type: "action", id: 2, name: "count", args: [] },
    ]);
    sockets.last.receive({ type: "result", id: 2, output: 7 });
    sockets.last.receive({ type: "result", id: 1, output: 6 });
    expect(await first).toBe(6);
    expect(await second).toBe(7);
  });

  it("rejects with a typed ActorError for error frames", async () => {
    const connection = await opened();
    const call = connection.call("increment", 1);
    sockets.last.receive({
      type: "error",
      id: 1,
      group: "user",
      code: "too_big",
      message: "no",
      metadata: { max: 3 },
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({
      group: "user",
      code: "too_big",
      message: "no",
      metadata: { max: 3 },
      status: undefined,
    });
    expect((error as ActorError).is("user/too_big")).toBe(true);
  });

  it("bounds the queue while not open and fails the excess at once with a clear error", async () => {
    const connection = connect({ maxQueuedActions: 2 });
    const a = connection.call("increment", 1);
    const b = connection.call("increment", 2);
    const c = connection.call("increment", 3);
    await expect(c).rejects.toMatchObject({
      group: "client",
      code: "queue_full",
      metadata: { limit: 2, action: "increment" },
    });
    await flush();
    sockets.last.accept();
    expect(sockets.last.framesOf("action").map((f) => f["args"])).toEqual([[1], [2]]);
    sockets.last.receive({ type: "result", id: 1, output: 1 });
    sockets.last.receive({ type: "result", id: 2, output: 3 });
    await expect(Promise.all([a, b])).resolves.toEqual([1, 3]);
  });

  it("fails calls in flight when the socket drops, and sends queued ones after reconnecting", async () => {
    const connection = connect();
    await flush();
    sockets.last.accept();
    const inFlight = connection.call("increment", 1);
    sockets.last.drop(1006);
    await expect(inFlight).rejects.toMatchObject({ group: "client", code: "connection_lost" });
    expect(connection.status).toBe("reconnecting");
    const queued = connection.call("increment", 2);
    await vi.advanceTimersByTimeAsync(100);
    sockets.last.accept("c2");
    expect(sockets.last.framesOf("action")).toEqual([{ type: "action", id: 2, name: "increment", args: [2] }]);
    sockets.last.receive({ type: "result", id: 2, output: 3 });
    await expect(queued).resolves.toBe(3);
  });

  it("fails queued and in-flight calls with client/closed on close(), and later calls too", async () => {
    const connection = connect();
    const queued = connection.call("increment", 1);
    connection.close();
    await expect(queued).rejects.toMatchObject({ code: "closed" });
    await expect(connection.call("count")).rejects.toMatchObject({ group: "client", code: "closed" });
    expect(connection.status).toBe("closed");
  });
});

describe("ActorConnection: reconnection", () => {
  it("retries with exponential backoff and jitter, forever, and resets once open", async () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(0.5);
    const connection = connect();
    await flush();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const count = sockets.all.length;
      sockets.last.drop(1006);
      let waited = 0;
      while (sockets.all.length === count) {
        await vi.advanceTimersByTimeAsync(1);
        waited += 1;
      }
      delays.push(waited);
    }
    // ceiling 100, 200, 400, 800, 1000, 1000 with jitter 0.5 and random 0.5: 75% of the ceiling
    expect(delays).toEqual([75, 150, 300, 600, 750, 750]);
    sockets.last.accept();
    random.mockReturnValue(0);
    sockets.last.drop(1001);
    await vi.advanceTimersByTimeAsync(99);
    const count = sockets.all.length;
    await vi.advanceTimersByTimeAsync(1);
    expect(sockets.all.length).toBe(count + 1);
    expect(connection.status).toBe("reconnecting");
  });

  it("reports status changes with their cause", async () => {
    const connection = connect();
    const changes: string[] = [];
    connection.onStatusChange((status, error) => changes.push(error ? `${status}:${error.qualifiedCode}` : status));
    await flush();
    sockets.last.accept();
    sockets.last.drop(1001, "");
    await vi.advanceTimersByTimeAsync(100);
    sockets.last.accept();
    connection.close();
    expect(changes).toEqual(["open", "reconnecting:client/connection_lost", "open", "closed:client/closed"]);
  });

  it("re-authenticates, resubscribes and resumes the view from its checksum", async () => {
    let token = 0;
    const connection = connect({ getToken: () => `token-${++token}` });
    const events: number[] = [];
    connection.on("newCount", (count) => events.push(count));
    const view = connection.view();
    await flush();
    sockets.last.accept();
    expect(sockets.last.frames()).toEqual([
      { type: "auth", token: "token-1" },
      { type: "subscribe", event: "newCount" },
      { type: "view", id: 1 },
    ]);
    const value = { count: 5 };
    const sum = await checksum(value);
    sockets.last.receive({ type: "view", seq: 1, checksum: sum, value });
    await vi.waitFor(() => expect(view.value).toEqual({ count: 5 }));

    sockets.last.drop(1001);
    await vi.advanceTimersByTimeAsync(100);
    sockets.last.accept("c2");
    expect(sockets.last.frames()).toEqual([
      { type: "auth", token: "token-2" },
      { type: "subscribe", event: "newCount" },
      { type: "view", checksum: sum, id: 2 },
    ]);
    sockets.last.receive({ type: "event", name: "newCount", args: [6] });
    expect(events).toEqual([6]);
  });

  it("stops for good when the server refuses the connection, with the announced error", async () => {
    const connection = connect();
    const queued = connection.call("increment", 1);
    const errors: string[] = [];
    connection.onError((error) => errors.push(error.qualifiedCode));
    await flush();
    sockets.last.open();
    sockets.last.receive({
      type: "error",
      id: null,
      group: "auth",
      code: "forbidden",
      message: "not you",
      metadata: {},
    });
    sockets.last.drop(4003, "auth/forbidden");
    expect(connection.status).toBe("closed");
    expect(connection.error).toMatchObject({ group: "auth", code: "forbidden", message: "not you" });
    await expect(queued).rejects.toMatchObject({ code: "closed", metadata: { reason: { code: "forbidden" } } });
    expect(errors).toEqual(["auth/forbidden"]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets.all).toHaveLength(1);
    await expect(connection.whenOpen()).rejects.toMatchObject({ code: "closed" });
  });

  it("retries an expired token only when getToken can refresh it", async () => {
    const fixed = connect({ token: "old" });
    await flush();
    sockets.last.open();
    sockets.last.drop(4001, "auth/unauthorized");
    expect(fixed.status).toBe("closed");
    expect(fixed.error?.qualifiedCode).toBe("auth/unauthorized");

    const refreshing = connect({ getToken: () => "fresh" });
    await flush();
    sockets.last.open();
    sockets.last.drop(4001, "auth/unauthorized");
    expect(refreshing.status).toBe("reconnecting");
    refreshing.close();
  });

  it("retries slow-consumer drops, too many connections and server faults", async () => {
    for (const code of [4008, 4029, 1011, 1009, 1000]) {
      const connection = connect();
      await flush();
      sockets.last.accept();
      sockets.last.drop(code);
      expect(connection.status).toBe("reconnecting");
      connection.close();
    }
  });

  it("keeps retrying when getToken fails", async () => {
    let fail = true;
    const connection = connect({
      getToken: () => {
        if (fail) throw new Error("auth service down");
        return "ok";
      },
    });
    await flush();
    expect(connection.status).toBe("reconnecting");
    expect(connection.error?.qualifiedCode).toBe("client/token_failed");
    fail = false;
    await vi.advanceTimersByTimeAsync(100);
    sockets.last.open();
    expect(sockets.last.frames()[0]).toEqual({ type: "auth", token: "ok" });
  });

  it("reconnects at once when asked (online, visible page)", async () => {
    const connection = connect({ reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 } });
    await flush();
    sockets.last.accept();
    sockets.last.drop(1006);
    expect(sockets.all).toHaveLength(1);
    connection.reconnectNow();
    await flush();
    expect(sockets.all).toHaveLength(2);
    sockets.last.accept();
    connection.reconnectNow();
    await flush();
    expect(sockets.all).toHaveLength(2);
  });

  it("ignores events from an abandoned socket", async () => {
    const connection = connect();
    await flush();
    const old = sockets.last;
    old.accept();
    old.drop(1006);
    await vi.advanceTimersByTimeAsync(100);
    sockets.last.accept("c2");
    const seen: number[] = [];
    connection.on("newCount", (n) => seen.push(n));
    old.receive({ type: "event", name: "newCount", args: [1] });
    old.drop(1006);
    expect(seen).toEqual([]);
    expect(connection.status).toBe("open");
  });
});

describe("ActorConnection: events", () => {
  it("subscribes on the first listener, unsubscribes after the last, and supports once", async () => {
    const connection = connect();
    await flush();
    sockets.last.accept();
    const a: number[] = [];
    const b: number[] = [];
    const offA = connection.on("newCount", (n) => a.push(n));
    const offB = connection.on("newCount", (n) => b.push(n));
    connection.once("newCount", (n) => b.push(n * 100));
    sockets.last.receive({ type: "event", name: "newCount", args: [1] });
    sockets.last.receive({ type: "event", name: "newCount", args: [2] });
    offA();
    offA();
    sockets.last.receive({ type: "event", name: "newCount", args: [3] });
    offB();
    expect(a).toEqual([1, 2]);
    expect(b).toEqual([1, 100, 2, 3]);
    expect(sockets.last.frames().filter((f) => f["type"] !== "auth")).toEqual([
      { type: "subscribe", event: "newCount" },
      { type: "unsubscribe", event: "newCount" },
    ]);
  });

  it("reports error frames without an id and unreadable frames to onError", async () => {
    const connection = connect();
    const errors: string[] = [];
    connection.onError((error) => errors.push(error.qualifiedCode));
    await flush();
    sockets.last.accept();
    sockets.last.receive({
      type: "error",
      id: null,
      group: "request",
      code: "invalid_request",
      message: "bad",
      metadata: {},
    });
    sockets.last.receive("{not json");
    sockets.last.receive({ type: "future-frame" });
    expect(errors).toEqual(["request/invalid_request", "client/bad_response", "client/bad_response"]);
    expect(connection.status).toBe("open");
  });

  it("rejects view readiness when the server refuses the view", async () => {
    const connection = connect();
    await flush();
    sockets.last.accept();
    const ready = connection.view().ready();
    sockets.last.receive({ type: "error", id: 1, group: "auth", code: "forbidden", message: "no view", metadata: {} });
    await expect(ready).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("ActorConnection: enqueue", () => {
  it("sends enqueue frames in order with ids and resolves once the server answers", async () => {
    const connection = connect();
    const first = connection.enqueue("jobs", { n: 1 });
    const second = connection.enqueue("jobs", undefined);
    await flush();
    sockets.last.accept();
    expect(sockets.last.framesOf("enqueue")).toEqual([
      { type: "enqueue", id: 1, queue: "jobs", message: { n: 1 } },
      { type: "enqueue", id: 2, queue: "jobs", message: null },
    ]);
    sockets.last.receive({ type: "result", id: 1, output: { queue: "jobs" } });
    sockets.last.receive({ type: "result", id: 2, output: { queue: "jobs" } });
    await expect(first).resolves.toBeUndefined();
    await expect(second).resolves.toBeUndefined();
  });

  it("rejects with the server's queue/not_found", async () => {
    const connection = await opened();
    const enqueued = connection.enqueue("nope", 1);
    const refusal = { group: "queue", code: "not_found", message: "no queue 'nope'", metadata: { queue: "nope" } };
    sockets.last.receive({ type: "error", id: 1, ...refusal });
    await expect(enqueued).rejects.toMatchObject({ ...refusal, qualifiedCode: "queue/not_found" });
  });
});
