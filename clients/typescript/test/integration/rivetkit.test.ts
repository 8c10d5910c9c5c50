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

describe("RivetKit features Troupe lacks", () => {
  it("answer actor/not_supported, not a bare 404", async () => {
    const response = await fetch(`${server.url}gateway/whatever/queue/jobs`, { method: "POST" });
    expect(response.status).toBe(501);
    expect(await response.json()).toMatchObject({ group: "actor", code: "not_supported" });
  });
});
