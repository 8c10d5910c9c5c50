// The unmodified Actor Kit client (actor-kit@0.47.0: createAccessToken, createActorFetch and
// createActorKitClient, with `ws` as the global WebSocket) against the Troupe demo server's Actor Kit
// adapter, serving the demo's todo list (a machine actor: whoever creates a list owns it).
import { randomUUID } from "node:crypto";
import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createAccessToken,
  createActorFetch,
  createActorKitClient,
  type ActorKitClient,
  type Snapshot,
} from "@troupe/actor-kit-compat";
import { startServer, type TestServer } from "../support/server.mjs";

// Node 20 has no global WebSocket; actor-kit's client uses the global one, as in a browser.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

/** The demo's public token secret (DemoSignIn.SECRET), which the demo's Actor Kit adapter verifies with. */
const SECRET = "troupe-demo-only-secret-do-not-use-in-production";
const TYPE = "todo-list";

type Todo = { id: number; text: string; done: boolean };

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-actor-kit" });
});

afterAll(async () => {
  await server?.stop();
});

const host = (s: TestServer) => new URL(s.url).host;
const texts = (snapshot: Snapshot) => (snapshot.public.todos as Todo[]).map((todo) => todo.text);

async function token(actorId: string, callerType: "client" | "service" = "client", callerId = randomUUID()) {
  return createAccessToken({ signingKey: SECRET, actorId, actorType: TYPE, callerId, callerType });
}

/** An SSR fetch, then a connected client, as an Actor Kit app does it. */
async function connected(s: TestServer, actorId: string, accessToken: string): Promise<ActorKitClient> {
  const { snapshot, checksum } = await createActorFetch({ actorType: TYPE, host: host(s) })({ actorId, accessToken });
  const client = createActorKitClient({
    host: host(s),
    actorType: TYPE,
    actorId,
    checksum,
    accessToken,
    initialSnapshot: snapshot,
  });
  await client.connect();
  return client;
}

async function post(s: TestServer, actorId: string, accessToken: string, event: unknown) {
  return fetch(`${s.url}api/${TYPE}/${actorId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(event),
  });
}

describe("actor-kit@0.47.0 against the Actor Kit adapter", () => {
  it("a server-side fetch, then connect: the caller's snapshot with value and a string checksum", async () => {
    const actorId = `ak-${randomUUID()}`;
    const fetchActor = createActorFetch({ actorType: TYPE, host: host(server) });
    const { snapshot, checksum } = await fetchActor({ actorId, accessToken: await token(actorId) });
    expect(snapshot).toMatchObject({ public: { todos: [], nextId: 1 }, private: {}, value: "empty" });
    expect(typeof checksum).toBe("string");
    const client = createActorKitClient({
      host: host(server),
      actorType: TYPE,
      actorId,
      checksum,
      accessToken: await token(actorId),
      initialSnapshot: snapshot,
    });
    await client.connect();
    await client.waitFor((state) => state.value === "empty", 10_000);
    client.disconnect();
  });

  it("the owner's ADD_TODO is seen by two clients; a non-owner's is refused", async () => {
    const actorId = `ak-${randomUUID()}`;
    const ownerToken = await token(actorId);
    const owner = await connected(server, actorId, ownerToken);
    const viewer = await connected(server, actorId, await token(actorId));
    owner.send({ type: "ADD_TODO", text: "milk" });
    await owner.waitFor((state) => texts(state).length === 1, 10_000);
    await viewer.waitFor((state) => texts(state).length === 1, 10_000);
    expect(viewer.getState().value).toBe("active");

    viewer.send({ type: "ADD_TODO", text: "not yours" });
    owner.send({ type: "ADD_TODO", text: "bread" });
    await viewer.waitFor((state) => texts(state).length === 2, 10_000);
    await owner.waitFor((state) => texts(state).length === 2, 10_000);
    expect(texts(viewer.getState())).toEqual(["milk", "bread"]);
    expect(texts(owner.getState())).toEqual(["milk", "bread"]);

    const forbidden = await post(server, actorId, await token(actorId), { type: "ARCHIVE_DONE" });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ group: "machine", code: "event_forbidden" });
    const accepted = await post(server, actorId, ownerToken, { type: "ADD_TODO", text: "eggs" });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ success: true });
    await viewer.waitFor((state) => texts(state).length === 3, 10_000);
    owner.disconnect();
    viewer.disconnect();
  });

  it("private data is isolated per caller", async () => {
    const actorId = `ak-${randomUUID()}`;
    const owner = await connected(server, actorId, await token(actorId));
    const otherToken = await token(actorId);
    const other = await connected(server, actorId, otherToken);
    owner.send({ type: "SET_DRAFT", text: "secret plan" });
    await owner.waitFor((state) => state.private.draft === "secret plan", 10_000);
    other.send({ type: "SET_DRAFT", text: "mine" });
    await other.waitFor((state) => state.private.draft === "mine", 10_000);
    const { snapshot } = await createActorFetch({ actorType: TYPE, host: host(server) })({
      actorId,
      accessToken: otherToken,
    });
    expect(snapshot.private).toEqual({ draft: "mine" });
    expect(JSON.stringify(snapshot)).not.toContain("secret plan");
    expect(JSON.stringify(other.getState())).not.toContain("secret plan");
    owner.disconnect();
    other.disconnect();
  });

  it("waitForState that does not come times out with 408, or answers the snapshot with errorOnWaitTimeout=false", async () => {
    const actorId = `ak-${randomUUID()}`;
    const accessToken = await token(actorId);
    const fetchActor = createActorFetch({ actorType: TYPE, host: host(server) });
    await expect(fetchActor({ actorId, accessToken, waitForState: "active", timeout: 300 })).rejects.toThrow(
      /Timeout waiting for actor response/,
    );
    const raw = await fetch(`${server.url}api/${TYPE}/${actorId}?waitForState=%22active%22&timeout=300`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(raw.status).toBe(408);
    expect(await raw.json()).toMatchObject({ group: "machine", code: "wait_timeout" });
    const current = await fetchActor({
      actorId,
      accessToken,
      waitForState: "active",
      timeout: 300,
      errorOnWaitTimeout: false,
    });
    expect(current.snapshot.value).toBe("empty");
    const waiting = fetchActor({ actorId, accessToken, waitForState: "active", timeout: 10_000 });
    const added = await post(server, actorId, accessToken, { type: "ADD_TODO", text: "wake up" });
    expect(added.status).toBe(200);
    expect((await waiting).snapshot.value).toBe("active");
  });
});

describe("actor-kit@0.47.0 across a server restart", () => {
  let restarted: TestServer;

  beforeAll(async () => {
    restarted = await startServer({ name: "integration-actor-kit-restart" });
  });

  afterAll(async () => {
    await restarted?.stop();
  });

  it("connected clients converge after the restart with no lost or duplicated todo", { timeout: 150_000 }, async () => {
    const actorId = `ak-${randomUUID()}`;
    const ownerToken = await token(actorId);
    const owner = await connected(restarted, actorId, ownerToken);
    const viewer = await connected(restarted, actorId, await token(actorId));
    owner.send({ type: "ADD_TODO", text: "before 1" });
    owner.send({ type: "ADD_TODO", text: "before 2" });
    await viewer.waitFor((state) => texts(state).length === 2, 10_000);

    restarted = await restarted.restart();
    const added = await post(restarted, actorId, ownerToken, { type: "ADD_TODO", text: "after" });
    expect(added.status).toBe(200);
    const expected = ["before 1", "before 2", "after"];
    // actor-kit reconnects after 2, 4, 8, 16 and 30 s; the first connect after the restart sends the
    // full snapshot.
    await owner.waitFor((state) => texts(state).length === 3, 120_000);
    await viewer.waitFor((state) => texts(state).length === 3, 120_000);
    expect(texts(owner.getState())).toEqual(expected);
    expect(texts(viewer.getState())).toEqual(expected);
    owner.send({ type: "ADD_TODO", text: "again" });
    await viewer.waitFor((state) => texts(state).length === 4, 10_000);
    expect(texts(viewer.getState())).toEqual([...expected, "again"]);
    owner.disconnect();
    viewer.disconnect();
  });
});
