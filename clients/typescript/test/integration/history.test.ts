import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import {
  verifyChain,
  type ActorConnection,
  type ActorError,
  type HistoryEntry,
  type WebSocketFactory,
} from "../../src/index.js";
import { mintToken } from "../../src/tokens.js";
import { startServer, type TestServer } from "../support/server.mjs";
import { clientFor, failure, uniqueKey, type Counter } from "./contracts.js";

/** The demo server's public HS256 secret (troupe-demo DemoSignIn), for minting a service token. */
const DEMO_SECRET = "troupe-demo-only-secret-do-not-use-in-production";

let server: TestServer;
let service: string;
const sockets: WebSocket[] = [];
const open: Array<ActorConnection<unknown, unknown, unknown>> = [];

/** A `ws` WebSocket that the test can drop, to force a reconnect. */
class TrackedSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

beforeAll(async () => {
  server = await startServer({ name: "integration-history" });
  service = await mintToken(DEMO_SECRET, { subject: "auditor", callerType: "service" });
});

afterEach(() => {
  for (const connection of open.splice(0)) connection.close();
});

afterAll(async () => {
  await server?.stop();
});

function counter(key: string[], token?: string) {
  const options = {
    WebSocket: TrackedSocket as unknown as WebSocketFactory,
    ...(token === undefined ? {} : { token }),
  };
  return clientFor(server.url, options).actor<Counter>("counter", key);
}

async function until(condition: () => boolean, what: string): Promise<void> {
  await vi.waitFor(() => expect(condition(), what).toBe(true), { timeout: 30_000, interval: 50 });
}

/** Ten entries (the creation and nine increments) fetched and verified over HTTP. */
async function chainOfTen(): Promise<{ actorId: string; entries: HistoryEntry[] }> {
  const handle = counter(uniqueKey("tamper"), service);
  for (let i = 1; i < 10; i++) await handle.increment(i);
  const fetched = await handle.fetchHistory();
  expect(fetched.verification).toEqual({ valid: true, entries: 10, firstBadSeq: null, problem: null });
  return { actorId: fetched.actorId, entries: [...fetched.entries] };
}

describe("the turn history, verified with WebCrypto", () => {
  it("verifies the chain fetched over HTTP, as the server's verify does", async () => {
    const handle = counter(uniqueKey("verify"), service);
    for (let i = 0; i < 3; i++) await handle.increment(1);
    const fetched = await handle.fetchHistory();
    expect(fetched.entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(fetched.verification.valid).toBe(true);
    const page = await handle.historyPage({ from: 3, limit: 1 });
    expect(page.entries.map((e) => e.seq)).toEqual([3]);
    expect(page.next).toBe(4);
  });

  // The same tampering as AbstractHistoryTamperTest does in the stores, with the positions the Java
  // verifier names there.
  it("names the first bad position of a changed byte, as the Java verifier does", async () => {
    const { actorId, entries } = await chainOfTen();
    entries[3] = { ...entries[3]!, message: entries[3]!.message.replace("increment", "increnent") };
    expect((await verifyChain(actorId, entries)).firstBadSeq).toBe(4);
  });

  it("names the first bad position of reordered entries", async () => {
    const { actorId, entries } = await chainOfTen();
    const relabelled = [...entries];
    relabelled[2] = { ...entries[5]!, seq: 3 };
    relabelled[5] = { ...entries[2]!, seq: 6 };
    expect((await verifyChain(actorId, relabelled)).firstBadSeq).toBe(3);
    const moved = [...entries];
    moved[2] = entries[5]!;
    moved[5] = entries[2]!;
    expect(await verifyChain(actorId, moved)).toMatchObject({ firstBadSeq: 3, problem: "entry 3 is missing" });
  });

  it("names a deleted entry, and a deleted first entry at the new oldest", async () => {
    const { actorId, entries } = await chainOfTen();
    expect(
      (
        await verifyChain(
          actorId,
          entries.filter((e) => e.seq !== 5),
        )
      ).firstBadSeq,
    ).toBe(5);
    expect((await verifyChain(actorId, entries.slice(1))).firstBadSeq).toBe(2);
  });

  it("names an inserted entry", async () => {
    const { actorId, entries } = await chainOfTen();
    const inserted = [...entries, { ...entries[6]!, seq: 11 }];
    expect((await verifyChain(actorId, inserted)).firstBadSeq).toBe(11);
    const copied = [...entries.slice(0, 4), entries[3]!, ...entries.slice(4)];
    expect(await verifyChain(actorId, copied)).toMatchObject({
      firstBadSeq: 4,
      problem: "entry 4 is out of order after 4",
    });
  });

  it("subscribes over the WebSocket: backlog, then live entries, verified, once each across a reconnect", async () => {
    const key = uniqueKey("follow");
    const handle = counter(key, service);
    for (let i = 0; i < 120; i++) await handle.increment(1);
    const connection = handle.connect();
    open.push(connection as ActorConnection<unknown, unknown, unknown>);
    const received: HistoryEntry[] = [];
    const errors: ActorError[] = [];
    connection.history({ onEntries: (entries) => received.push(...entries), onError: (e) => errors.push(e) });
    await until(() => received.length >= 122, "the backlog: the creation, 120 increments and the connect");
    await handle.increment(1);
    await until(() => received.length >= 123, "the live increment");

    sockets.at(-1)!.terminate();
    await handle.increment(1);
    await until(() => connection.status === "open" && received.length >= 126, "after the reconnect");
    await connection.call("increment", 1);
    await until(() => received.length >= 127, "an increment over the new socket");

    expect(errors).toEqual([]);
    expect(received.map((e) => e.seq)).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));
    const kinds = received.map((e) => (JSON.parse(e.message) as { kind: string }).kind);
    // The server may see the drop before or after the increment sent meanwhile: both are in the chain.
    expect(kinds.slice(121, 127).sort()).toEqual(["action", "action", "action", "connect", "connect", "disconnect"]);
    const all = await handle.fetchHistory();
    expect(all.entries.slice(0, received.length)).toEqual(received);
  });

  it("a client without #history gets auth/forbidden and nothing of the history, over HTTP and WebSocket", async () => {
    const handle = counter(uniqueKey("denied"));
    await handle.increment(1);
    expect(await failure(handle.historyPage())).toMatchObject({ group: "auth", code: "forbidden", status: 403 });
    const connection = handle.connect();
    open.push(connection as ActorConnection<unknown, unknown, unknown>);
    const received: HistoryEntry[] = [];
    const refused = new Promise<ActorError>((resolve) =>
      connection.history({ onEntries: (entries) => received.push(...entries), onError: resolve }),
    );
    expect((await refused).qualifiedCode).toBe("auth/forbidden");
    await connection.call("increment", 1);
    expect(await connection.call("count")).toBe(2);
    expect(received).toEqual([]);
    const response = await fetch(new URL(`v1/actors/counter/history/export?key=${key(handle.key)}`, server.url));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("seq");
  });
});

function key(parts: readonly string[]): string {
  return parts.map(encodeURIComponent).join("&key=");
}
