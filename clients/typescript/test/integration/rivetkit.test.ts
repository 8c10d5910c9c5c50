// The unmodified RivetKit client (rivetkit@2.3.19, createClient with its default options, plus the
// json and cbor encodings) against the Troupe demo server's RivetKit adapter.
import { createClient } from "rivetkit/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../support/server.mjs";
import { uniqueKey } from "./contracts.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-rivetkit" });
});

afterAll(async () => {
  await server?.stop();
});

type Encoding = "json" | "cbor" | "bare";

// RivetKit's client is typed by the server's registry; Troupe has none, so the actors are typed loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyClient = any;

function client(encoding: Encoding, options: { token?: string } = {}): AnyClient {
  const endpoint = server.url.replace(/\/$/, "");
  return encoding === "bare"
    ? createClient({ endpoint, ...options })
    : createClient({ endpoint, encoding, ...options });
}

async function failure(promise: Promise<unknown>): Promise<{ group: string; code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as { group: string; code: string; message: string };
}

for (const encoding of ["bare", "json", "cbor"] as const) {
  describe(`RivetKit client, ${encoding} encoding`, () => {
    it("getOrCreate(...).increment reaches the Troupe counter", async () => {
      const key = uniqueKey(`rk-${encoding}`);
      const counter = client(encoding).counter.getOrCreate(key);
      expect(await counter.increment(1)).toBe(1);
      expect(await counter.increment(4)).toBe(5);
      expect(await counter.count()).toBe(5);
    });

    it("connect().on('newCount') receives the broadcasts after durable changes", async () => {
      const key = uniqueKey(`rk-conn-${encoding}`);
      const conn = client(encoding).counter.getOrCreate(key).connect();
      const seen: number[] = [];
      const got = new Promise<void>((resolve) => {
        conn.on("newCount", (count: number) => {
          seen.push(Number(count));
          if (seen.length === 2) resolve();
        });
      });
      expect(await conn.increment(2)).toBe(2);
      expect(await conn.increment(3)).toBe(5);
      await got;
      expect(seen).toEqual([2, 5]);
      await conn.dispose();
    });

    it("create, get and getForId reach the same actor", async () => {
      const rk = client(encoding);
      const key = uniqueKey(`rk-create-${encoding}`);
      const created = await rk.counter.create([...key, "a/b"]);
      const actorId = await created.resolve();
      expect(typeof actorId).toBe("string");
      expect(await created.increment(3)).toBe(3);
      expect(await rk.counter.get([...key, "a/b"]).increment(1)).toBe(4);
      expect(await rk.counter.getForId(actorId).count()).toBe(4);
      const again = await failure(rk.counter.create([...key, "a/b"]));
      expect(`${again.group}/${again.code}`).toBe("actor/duplicate_key");
    });

    it("a user error and an unknown action arrive with their codes", async () => {
      const counter = client(encoding).counter.getOrCreate(uniqueKey(`rk-err-${encoding}`));
      await counter.increment(1);
      const overflow = await failure(counter.increment(9_223_372_036_854_775_807n));
      expect(`${overflow.group}/${overflow.code}`).toBe("user/overflow");
      const unknown = await failure(counter.action({ name: "nope", args: [] }));
      expect(`${unknown.group}/${unknown.code}`).toBe("actor/action_not_found");
      expect(await counter.count()).toBe(1);
      const conn = counter.connect();
      const overWs = await failure(conn.action({ name: "nope", args: [] }));
      expect(`${overWs.group}/${overWs.code}`).toBe("actor/action_not_found");
      expect(await conn.count()).toBe(1);
      await conn.dispose();
    });

    it("conn params reach onBeforeConnect, over WebSocket and before HTTP actions", async () => {
      const rk = client(encoding);
      const key = uniqueKey(`rk-greet-${encoding}`);
      const refused = await failure(rk.greeter.getOrCreate(key).greet("ann"));
      expect(`${refused.group}/${refused.code}`).toBe("user/name_required");
      const admitted = rk.greeter.getOrCreate(key, { params: { name: "ann" } });
      expect(await admitted.greet("ann")).toBe("hello, ann");
      const conn = admitted.connect();
      expect(await conn.greet("bob")).toBe("hello, bob");
      await conn.dispose();
    });

    it("a token that does not verify is refused with auth/unauthorized", async () => {
      const rk = client(encoding, { token: "not-a-jwt" });
      const refused = await failure(rk.counter.getOrCreate(uniqueKey("rk-token")).increment(1));
      expect(`${refused.group}/${refused.code}`).toBe("auth/unauthorized");
    });
  });
}

// RivetKit's own driver test suite (rivetkit's src/driver-test-suite/tests), the scenarios that apply
// to what the adapter implements, translated to the demo's counter (`count` is the suite's `getCount`,
// `count()` its `increment(0)`) and to unique keys (the suite runs each test on a fresh registry).
// docs/compat.md lists the suite's files and which scenarios are translated, which are not, and why.
for (const encoding of ["bare", "json", "cbor"] as const) {
  describe(`RivetKit driver test suite scenarios, ${encoding} encoding`, () => {
    const id = (name: string) =>
      `${name}-${encoding}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

    // actor-handle.ts, Access Methods
    it("handle: .get() reaches an actor made by create()", async () => {
      const rk = client(encoding);
      const key = [id("test-get-handle")];
      await rk.counter.create(key);
      const handle = rk.counter.get(key);
      expect(await handle.increment(5)).toBe(5);
      expect(await handle.count()).toBe(5);
    });

    it("handle: .getForId() reaches the actor of a resolved getOrCreate, with its state", async () => {
      const rk = client(encoding);
      const handle = rk.counter.getOrCreate([id("test-get-for-id-handle")]);
      await handle.increment(3);
      const byId = rk.counter.getForId(await handle.resolve());
      expect(await byId.count()).toBe(3);
      expect(await byId.increment(4)).toBe(7);
    });

    it("handle: .getOrCreate() creates, and a second getOrCreate reaches the same actor", async () => {
      const rk = client(encoding);
      const key = [id("test-get-or-create-handle")];
      expect(await rk.counter.getOrCreate(key).increment(7)).toBe(7);
      expect(await rk.counter.getOrCreate(key).count()).toBe(7);
    });

    it("handle: (await create()) returns a working handle", async () => {
      const handle = await client(encoding).counter.create([id("test-create-handle")]);
      expect(await handle.increment(9)).toBe(9);
      expect(await handle.count()).toBe(9);
    });

    it("handle: create twice with one key is refused, and the first actor keeps its state", async () => {
      // manager-driver.ts "throws ActorAlreadyExists when creating duplicate actors"; Troupe's code is
      // actor/duplicate_key where RivetKit's is actor/already_exists (docs/compat.md).
      const rk = client(encoding);
      const key = [id("duplicate-actor-test")];
      const counter = rk.counter.getOrCreate(key);
      await counter.increment(5);
      const again = await failure(rk.counter.create(key));
      expect(`${again.group}/${again.code}`).toBe("actor/duplicate_key");
      expect(await counter.count()).toBe(5);
    });

    it("handle: .get().resolve() of a missing actor is actor/not_found, and get() does not create", async () => {
      // actor-handle.ts ".get().resolve() errors", manager-driver.ts "get without create prevents actor creation"
      const rk = client(encoding);
      const missing = id("nonexistent");
      const notFound = await failure(rk.counter.get([missing]).resolve());
      expect(`${notFound.group}/${notFound.code}`).toBe("actor/not_found");
      await rk.counter.getOrCreate(missing).increment(3);
      expect(await rk.counter.get(missing).count()).toBe(3);
    });

    // actor-handle.ts, Action Functionality
    it("handle: actions in sequence, and independent handles share one actor's state", async () => {
      const rk = client(encoding);
      const key = [id("test-multiple-handles")];
      const first = rk.counter.getOrCreate(key);
      const second = rk.counter.get(key);
      expect(await first.increment(3)).toBe(3);
      expect(await second.count()).toBe(3);
      expect(await second.increment(4)).toBe(7);
      expect(await first.count()).toBe(7);
    });

    // manager-driver.ts, Connection Options
    it("manager: conn params are accepted by an actor without connect hooks", async () => {
      const counter = client(encoding).counter.getOrCreate([id("params")], {
        params: { userId: "user-123", authToken: "token-abc", settings: { increment: 5 } },
      });
      expect(await counter.increment(1)).toBe(1);
      expect(await counter.count()).toBe(1);
    });

    // manager-driver.ts, Key Matching and Multiple Actor Instances
    it("manager: only exactly the same key matches; a prefix of it is another actor", async () => {
      const rk = client(encoding);
      const base = id("counter-match");
      await rk.counter.getOrCreate([base, "test", "us-east"]).increment(10);
      expect(await rk.counter.getOrCreate([base, "test", "us-east"]).count()).toBe(10);
      expect(await rk.counter.getOrCreate([base, "test"]).count()).toBe(0);
      expect(await rk.counter.getOrCreate([base]).count()).toBe(0);
    });

    it("manager: a string key is the one-part array key", async () => {
      const rk = client(encoding);
      const key = id("string-key-test");
      await rk.counter.getOrCreate(key).increment(7);
      expect(await rk.counter.getOrCreate([key]).count()).toBe(7);
    });

    it("manager: no key, undefined and [] are the one default actor, which keyed actors are not", async () => {
      // The default actor is shared by the encodings' runs, so this compares counts before and after.
      const rk = client(encoding);
      const before = await rk.counter.getOrCreate().count();
      expect(await rk.counter.getOrCreate(undefined).increment(12)).toBe(before + 12);
      expect(await rk.counter.getOrCreate([]).count()).toBe(before + 12);
      expect(await rk.counter.getOrCreate().count()).toBe(before + 12);
      expect(await rk.counter.getOrCreate([id("new-counter"), "prod"]).count()).toBe(0);
    });

    it("manager: instances of one type keep separate state", async () => {
      const rk = client(encoding);
      const keys = [1, 2, 3].map((n) => [id(`multi-${n}`)]);
      for (const [index, key] of keys.entries()) await rk.counter.getOrCreate(key).increment(index + 1);
      for (const [index, key] of keys.entries()) expect(await rk.counter.getOrCreate(key).count()).toBe(index + 1);
    });

    // actor-error-handling.ts, Error Recovery (with the demo counter's user error)
    it("errors: an actor keeps working after a user error", async () => {
      const counter = client(encoding).counter.getOrCreate([id("recovery")]);
      await counter.increment(1);
      const overflow = await failure(counter.increment(9_223_372_036_854_775_807n));
      expect(overflow.group).toBe("user");
      expect(await counter.increment(1)).toBe(2);
    });
  });
}

// raw-http.ts and raw-websocket.ts of the driver test suite, on the demo echo's raw handlers
// (EchoActor: onRequest describes the request as JSON; a raw WebSocket says "welcome", echoes every
// message and is closed by the echo on "close").
describe("RivetKit raw handlers: handle.fetch and handle.webSocket", () => {
  it("fetch reaches onRequest with its method, path, query, headers and body, once durable", async () => {
    const echo = client("json").echo.getOrCreate(uniqueKey("rk-fetch"));
    const response = await echo.fetch("/hello/world?x=1&y=2", {
      method: "POST",
      body: "ping",
      headers: { "content-type": "text/plain", "x-echo": "yes" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-echo-events")).toBe("1");
    expect(await response.json()).toEqual({
      method: "POST",
      path: "/hello/world",
      query: "x=1&y=2",
      body: "ping",
      header: "yes",
    });
    const get = await echo.fetch("plain");
    expect(await get.json()).toMatchObject({ method: "GET", path: "/plain", query: "", body: "" });
    expect(await echo.seen()).toEqual(["raw:POST /hello/world", "raw:GET /plain"]);
  });

  it("fetch of an actor without a raw handler is raw/not_handled, and its state is unchanged", async () => {
    const counter = client("json").counter.getOrCreate(uniqueKey("rk-fetch-none"));
    await counter.increment(2);
    const response = await counter.fetch("/anything", { method: "POST", body: "x" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ group: "raw", code: "not_handled" });
    expect(await counter.count()).toBe(2);
  });

  it("webSocket exchanges text messages both ways in order, and the actor closes it", async () => {
    const echo = client("json").echo.getOrCreate(uniqueKey("rk-ws"));
    const socket = await echo.webSocket("/chat");
    const received: string[] = [];
    const closed = new Promise<number>((resolve) => {
      socket.addEventListener("close", (event: { code: number }) => resolve(event.code));
    });
    const welcomedAndEchoed = new Promise<void>((resolve) => {
      socket.addEventListener("message", (event: { data: unknown }) => {
        received.push(String(event.data));
        if (received.length === 4) resolve();
      });
    });
    if (socket.readyState !== 1) {
      await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
    }
    for (const text of ["one", "two", "three"]) socket.send(text);
    await welcomedAndEchoed;
    expect(received).toEqual(["welcome", "one", "two", "three"]);
    socket.send("close");
    expect(await closed).toBe(1000);
    expect(await echo.seen()).toEqual([
      "raw-open /chat",
      "raw-got:one",
      "raw-got:two",
      "raw-got:three",
      "raw-got:close",
    ]);
  });

  it("webSocket closed by the client is heard by the actor", async () => {
    const echo = client("json").echo.getOrCreate(uniqueKey("rk-ws-close"));
    const socket = await echo.webSocket("/room");
    const welcomed = new Promise<string>((resolve) => {
      socket.addEventListener("message", (event: { data: unknown }) => resolve(String(event.data)), { once: true });
    });
    expect(await welcomed).toBe("welcome");
    socket.close(1000, "done");
    await expect.poll(() => echo.seen(), { timeout: 10_000 }).toEqual(["raw-open /room", "raw-closed:channel/closed"]);
  });
});

describe("RivetKit features Troupe lacks", () => {
  it("answer actor/not_supported, not a bare 404", async () => {
    const response = await fetch(`${server.url}gateway/whatever/inspector/x`, { method: "POST" });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ group: "actor", code: "not_supported" });
  });
});
