import { describe, expect, it, vi } from "vitest";
import { ActorError, createClient } from "../../src/index.js";

interface Counter {
  increment(amount: number): number;
  count(): number;
}

function fakeFetch(status: number, body: string) {
  return vi.fn<typeof fetch>(async () => new Response(body === "" ? null : body, { status }));
}

describe("HTTP calls", () => {
  it("posts the arguments to the action route with repeated key parameters and the token", async () => {
    const fetch = fakeFetch(200, '{"output":3}');
    const client = createClient({ url: "http://127.0.0.1:7420", token: "abc", fetch });
    const counter = client.actor<Counter>("counter", ["acme", "a/b,c"]);
    const output: number = await counter.increment(2);
    expect(output).toBe(3);
    const [url, init] = fetch.mock.calls[0] as [URL, RequestInit];
    expect(url.toString()).toBe("http://127.0.0.1:7420/v1/actors/counter/actions/increment?key=acme&key=a%2Fb%2Cc");
    expect(init.method).toBe("POST");
    expect(init.body).toBe('{"args":[2]}');
    expect(init.headers).toMatchObject({ authorization: "Bearer abc", "content-type": "application/json" });
  });

  it("passes mode and input, and asks getToken every time", async () => {
    const fetch = fakeFetch(200, '{"output":null}');
    let n = 0;
    const client = createClient({ url: "http://h/prefix", getToken: async () => `t${++n}`, fetch });
    const room = client.actor("chat-room", "general", { mode: "get", input: { topic: "x" } });
    await room.call("send", "ann", "hi");
    await room.call("history");
    const calls = fetch.mock.calls as Array<[URL, RequestInit]>;
    expect(calls[0]?.[0].toString()).toBe("http://h/prefix/v1/actors/chat-room/actions/send?key=general&mode=get");
    expect(calls[0]?.[1].body).toBe('{"args":["ann","hi"],"input":{"topic":"x"}}');
    expect(calls.map(([, init]) => (init.headers as Record<string, string>)["authorization"])).toEqual([
      "Bearer t1",
      "Bearer t2",
    ]);
  });

  it("enqueues to the queue route with the message and resolves on the 202", async () => {
    const fetch = fakeFetch(202, '{"queue":"jobs"}');
    const client = createClient({ url: "http://h", fetch });
    await client.actor("mailer", "m1").enqueue("jobs", { to: "ann" });
    const [url, init] = fetch.mock.calls[0] as [URL, RequestInit];
    expect(url.toString()).toBe("http://h/v1/actors/mailer/queues/jobs?key=m1");
    expect(init.method).toBe("POST");
    expect(init.body).toBe('{"message":{"to":"ann"}}');
  });

  it("rejects an enqueue to an undeclared queue with queue/not_found and its status", async () => {
    const body = '{"group":"queue","code":"not_found","message":"no queue nope","metadata":{"queue":"nope"}}';
    const client = createClient({ url: "http://h", fetch: fakeFetch(404, body) });
    const error = await client
      .actor("mailer", "m1")
      .enqueue("nope", 1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({ qualifiedCode: "queue/not_found", status: 404, metadata: { queue: "nope" } });
  });

  it("maps error bodies to ActorError with the HTTP status", async () => {
    const body = '{"group":"actor","code":"action_not_found","message":"no action nope","metadata":{"action":"nope"}}';
    const client = createClient({ url: "http://h", fetch: fakeFetch(404, body) });
    const error = await client
      .actor("counter", "a")
      .call("nope")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({
      name: "ActorError",
      group: "actor",
      code: "action_not_found",
      message: "no action nope",
      metadata: { action: "nope" },
      status: 404,
      qualifiedCode: "actor/action_not_found",
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(JSON.parse(body));
  });

  it("tolerates a missing metadata field", async () => {
    const client = createClient({
      url: "http://h",
      fetch: fakeFetch(400, '{"group":"user","code":"x","message":"m"}'),
    });
    await expect(client.actor("t").call("a")).rejects.toMatchObject({ code: "x", metadata: {} });
  });

  it("reports answers that are not the protocol's JSON as client/bad_response", async () => {
    const html = createClient({ url: "http://h", fetch: fakeFetch(502, "<html>bad gateway</html>") });
    await expect(html.actor("t").call("a")).rejects.toMatchObject({
      group: "client",
      code: "bad_response",
      metadata: { status: 502 },
    });
    const shapeless = createClient({ url: "http://h", fetch: fakeFetch(500, '{"oops":true}') });
    await expect(shapeless.actor("t").call("a")).rejects.toMatchObject({
      code: "bad_response",
      metadata: { status: 500 },
    });
    const noOutput = createClient({ url: "http://h", fetch: fakeFetch(200, "{}") });
    await expect(noOutput.actor("t").call("a")).rejects.toMatchObject({ code: "bad_response" });
  });

  it("reports network failures as client/network_error with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const client = createClient({ url: "http://h", fetch: vi.fn<typeof fetch>(async () => Promise.reject(cause)) });
    const error = (await client
      .actor("t")
      .call("a")
      .catch((e: unknown) => e)) as ActorError;
    expect(error.qualifiedCode).toBe("client/network_error");
    expect(error.cause).toBe(cause);
  });

  it("creates, describes, views and destroys", async () => {
    const answers = [
      [201, '{"id":"01J","key":["a"]}'],
      [200, '{"id":"01J","type":"counter","key":["a"],"createdAt":"2025-01-01T00:00:00Z"}'],
      [200, '{"view":{"count":1},"checksum":"abc","seq":0}'],
      [204, ""],
    ] as const;
    let i = 0;
    const fetch = vi.fn<typeof globalThis.fetch>(async () => {
      const [status, body] = answers[i++] ?? [500, ""];
      return new Response(body === "" ? null : body, { status });
    });
    const handle = createClient({ url: "http://h", fetch }).actor<Counter, never, { count: number }>("counter", "a");
    expect(await handle.create({ start: 1 })).toEqual({ id: "01J", key: ["a"] });
    expect((await handle.info()).createdAt).toBe("2025-01-01T00:00:00Z");
    expect((await handle.fetchView()).view.count).toBe(1);
    await expect(handle.destroy()).resolves.toBeUndefined();
    const calls = fetch.mock.calls as Array<[URL, RequestInit]>;
    expect(calls.map(([url, init]) => `${init.method} ${url.pathname}${url.search}`)).toEqual([
      "POST /v1/actors/counter?key=a",
      "GET /v1/actors/counter?key=a",
      "GET /v1/actors/counter/view?key=a",
      "DELETE /v1/actors/counter?key=a",
    ]);
    expect(calls[0]?.[1].body).toBe('{"input":{"start":1}}');
  });
});

describe("typed handles", () => {
  it("are not thenables and keep their own members", async () => {
    const fetch = fakeFetch(200, '{"output":1}');
    const handle = createClient({ url: "http://h", fetch }).actor<Counter>("counter", []);
    expect(await Promise.resolve(handle)).toBe(handle);
    expect(handle.type).toBe("counter");
    expect(handle.key).toEqual([]);
    expect((handle as unknown as Record<string, unknown>)["toJSON"]).toBeUndefined();
    expect(fetch).not.toHaveBeenCalled();
    const { count } = handle;
    await count();
    expect((fetch.mock.calls[0] as [URL])[0].toString()).toBe("http://h/v1/actors/counter/actions/count");
  });

  it("reject what is not a server URL or a key", () => {
    expect(() => createClient({ url: "ftp://h" })).toThrow(TypeError);
    expect(() => createClient({ url: "http://h", maxQueuedActions: -1 })).toThrow(TypeError);
    expect(() => createClient({ url: "http://h" }).actor("t", [1 as unknown as string])).toThrow(TypeError);
  });
});
