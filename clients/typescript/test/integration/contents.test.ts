import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActorError, createClient } from "../../src/index.js";
import { mintToken } from "../../src/tokens.js";
import { startServer, type TestServer } from "../support/server.mjs";
import { failure, uniqueKey } from "./contracts.js";

/** The demo server's public demo-only secret (troupe-demo DemoSignIn). */
const DEMO_SECRET = "troupe-demo-only-secret-do-not-use-in-production";

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ name: "integration-contents" });
});

afterAll(async () => {
  await server?.stop();
});

function serviceClient() {
  return createClient({
    url: server.url,
    getToken: () => mintToken(DEMO_SECRET, { subject: "ts-backend", callerType: "service" }),
  });
}

describe("the content store against the server", () => {
  it("stores bytes under their SHA-256 and serves them back, one object for the same bytes", async () => {
    const contents = serviceClient().contents;
    const bytes = new TextEncoder().encode(`an attachment ${uniqueKey("content").join("-")}`);

    const first = await contents.put(bytes);
    const second = await contents.put(bytes.buffer);

    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(second).toEqual(first);
    expect(first.size).toBe(bytes.byteLength);
    expect(await contents.get(first.hash)).toEqual(bytes);
    expect(await contents.get("0".repeat(64))).toBeUndefined();
  });

  it("moves a label, reads it and deletes it", async () => {
    const contents = serviceClient().contents;
    const one = await contents.put(new TextEncoder().encode(`one ${uniqueKey("label").join("-")}`));
    const two = await contents.put(new TextEncoder().encode(`two ${uniqueKey("label").join("-")}`));
    const name = `ts-${uniqueKey("label").join("-")}`.replace(/[^A-Za-z0-9._-]/g, "-");

    await contents.putLabel(name, one.hash);
    await contents.putLabel(name, two.hash);
    expect(await contents.label(name)).toBe(two.hash);
    await contents.deleteLabel(name);
    expect(await contents.label(name)).toBeUndefined();
    const absent = await failure(contents.putLabel(name, "1".repeat(64)));
    expect(absent.is("content/not_found")).toBe(true);
  });

  it("denies clients by default", async () => {
    const anonymous = createClient({ url: server.url }).contents;

    const error = await failure(anonymous.put(new Uint8Array([1, 2, 3])));
    expect(error).toBeInstanceOf(ActorError);
    expect(error.is("auth/forbidden")).toBe(true);
    expect(error.status).toBe(403);
  });

  it("answers downloads as immutable, with the hash as the ETag", async () => {
    const stored = await serviceClient().contents.put(
      new TextEncoder().encode(`cached ${uniqueKey("etag").join("-")}`),
    );
    const token = await mintToken(DEMO_SECRET, { subject: "ts-backend", callerType: "service" });

    const response = await fetch(new URL(`v1/content/${stored.hash}`, server.url), {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe(`"${stored.hash}"`);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });
});
