import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checksum } from "../../src/index.js";
import { startServer, type TestServer } from "../support/server.mjs";
import {
  clientFor,
  failure,
  uniqueKey,
  type ChatRoom,
  type ChatRoomView,
  type Counter,
  type CounterView,
} from "./contracts.js";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-http" });
});

afterAll(async () => {
  await server?.stop();
});

describe("HTTP against the server", () => {
  it("calls typed actions and reads the view with a checksum this client reproduces", async () => {
    const counter = clientFor(server.url).actor<Counter, never, CounterView>("counter", uniqueKey("http"));
    expect(await counter.increment(2)).toBe(2);
    expect(await counter.call("increment", 3)).toBe(5);
    expect(await counter.count()).toBe(5);
    const snapshot = await counter.fetchView();
    expect(snapshot.view).toEqual({ count: 5 });
    expect(snapshot.checksum).toBe(await checksum(snapshot.view));
  });

  it("reproduces the checksum of a chat view (strings, instants, nesting)", async () => {
    const room = clientFor(server.url).actor<ChatRoom, never, ChatRoomView>("chat-room", uniqueKey("http-room"));
    await room.send("ann", 'héllo "world"\n\ttab 😀');
    await room.send("bob", "second");
    const snapshot = await room.fetchView();
    expect(snapshot.view.messages.map((m) => m.text)).toEqual(['héllo "world"\n\ttab 😀', "second"]);
    expect(snapshot.checksum).toBe(await checksum(snapshot.view as never));
  });

  it("maps the server's errors to ActorError with status and stable codes", async () => {
    const client = clientFor(server.url);
    const key = uniqueKey("errors");
    const unknownAction = await failure(client.actor("counter", key).call("nope"));
    expect(unknownAction).toMatchObject({ group: "actor", code: "action_not_found", status: 404 });
    const unknownType = await failure(client.actor("no-such-type", key).call("x"));
    expect(unknownType).toMatchObject({ group: "actor", code: "type_not_found", status: 404 });
    const badArgs = await failure(client.actor("counter", key).call("increment", "many"));
    expect(badArgs).toMatchObject({ group: "request", code: "invalid_args", status: 400 });
    const userError = await failure(client.actor<ChatRoom>("chat-room", key).send("ann", "   "));
    expect(userError).toMatchObject({ group: "user", code: "invalid_message", status: 400 });
    const missing = await failure(client.actor("counter", uniqueKey("missing"), { mode: "get" }).call("count"));
    expect(missing).toMatchObject({ group: "actor", code: "not_found", status: 404 });
  });

  it("creates, describes and refuses duplicates", async () => {
    const handle = clientFor(server.url).actor<Counter>("counter", uniqueKey("lifecycle"));
    const created = await handle.create();
    expect(created.key).toEqual(handle.key);
    const info = await handle.info();
    expect(info).toMatchObject({ id: created.id, type: "counter", key: handle.key });
    expect(Number.isNaN(Date.parse(info.createdAt))).toBe(false);
    expect(await failure(handle.create())).toMatchObject({ code: "duplicate_key", status: 409 });
  });

  it("keeps compound keys distinct", async () => {
    const client = clientFor(server.url);
    const [a, b] = uniqueKey("keys");
    await client.actor<Counter>("counter", [a as string, b as string]).increment(1);
    expect(await client.actor<Counter>("counter", [`${a},${b}`]).increment(10)).toBe(10);
    expect(await client.actor<Counter>("counter", [a as string, b as string]).count()).toBe(1);
  });
});

/** A service token signed with the demo's public secret (troupe-demo's DemoSignIn). */
function serviceToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: "ops", ctype: "service" })}`;
  const signature = createHmac("sha256", "troupe-demo-only-secret-do-not-use-in-production")
    .update(unsigned)
    .digest("base64url");
  return `${unsigned}.${signature}`;
}

describe("actors by id and the listing against the server", () => {
  it("calls, views, connects to and destroys an actor by its id", async () => {
    const client = clientFor(server.url);
    const key = uniqueKey("by-id");
    const { id } = await client.actor<Counter>("counter", key).create();
    const byId = client.byId<Counter, never, CounterView>(id);
    expect(await byId.increment(4)).toBe(4);
    expect((await byId.fetchView()).view).toEqual({ count: 4 });
    expect(await byId.info()).toMatchObject({ id, type: "counter", key });
    const connection = byId.connect();
    try {
      expect(await connection.actions.increment(1)).toBe(5);
      expect(connection.actorId).toBe(id);
    } finally {
      connection.close();
    }
    await clientFor(server.url, { token: serviceToken() }).byId(id).destroy();
    expect(await failure(byId.info())).toMatchObject({ code: "not_found", status: 404 });
    expect(await failure(client.byId("not-an-id").info())).toMatchObject({ code: "invalid_id", status: 400 });
  });

  it("lists a key prefix page by page for a service, and refuses clients", async () => {
    const [prefix] = uniqueKey("listed");
    const client = clientFor(server.url);
    for (const room of ["a", "b", "c"]) await client.actor<Counter>("counter", [prefix as string, room]).increment(1);
    const ops = clientFor(server.url, { token: serviceToken() });
    const first = await ops.list("counter", { prefix: [prefix as string], limit: 2 });
    expect(first.actors).toHaveLength(2);
    expect(first.next).not.toBeNull();
    const keys: string[] = [];
    for await (const actor of ops.listAll("counter", { prefix: prefix as string, limit: 2 }))
      keys.push(actor.key[1] ?? "");
    expect(keys.sort()).toEqual(["a", "b", "c"]);
    expect(await failure(client.list("counter"))).toMatchObject({ code: "forbidden", status: 403 });
    expect(await failure(ops.list("counter", { cursor: "bogus" }))).toMatchObject({
      code: "invalid_cursor",
      status: 400,
    });
  });
});
