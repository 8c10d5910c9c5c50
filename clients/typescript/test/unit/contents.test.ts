import { describe, expect, it, vi } from "vitest";
import { ActorError, createClient } from "../../src/index.js";

const HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

function fakeFetch(status: number, body: string) {
  return vi.fn<typeof fetch>(async () => new Response(body === "" ? null : body, { status }));
}

describe("the content store", () => {
  it("uploads with a PUT to the hash it computed, with the token", async () => {
    const fetch = fakeFetch(200, `{"hash":"${HELLO_SHA256}","size":5}`);
    const contents = createClient({ url: "http://h/", token: "abc", fetch }).contents;

    expect(await contents.put(new TextEncoder().encode("hello"))).toEqual({ hash: HELLO_SHA256, size: 5 });
    const [url, init] = fetch.mock.calls[0] as [URL, RequestInit];
    expect(url.toString()).toBe(`http://h/v1/content/${HELLO_SHA256}`);
    expect(init.method).toBe("PUT");
    expect(init.headers).toMatchObject({ authorization: "Bearer abc", "content-type": "application/octet-stream" });
  });

  it("answers undefined for absent content and labels, and the server's error otherwise", async () => {
    const absent = '{"group":"content","code":"not_found","message":"none","metadata":{}}';
    const contents = createClient({ url: "http://h/", fetch: fakeFetch(404, absent) }).contents;
    expect(await contents.get(HELLO_SHA256)).toBeUndefined();
    expect(await contents.label("app")).toBeUndefined();

    const forbidden = '{"group":"auth","code":"forbidden","message":"no","metadata":{}}';
    const denied = createClient({ url: "http://h/", fetch: fakeFetch(403, forbidden) }).contents;
    const error = await denied.get(HELLO_SHA256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect((error as ActorError).is("auth/forbidden")).toBe(true);
  });

  it("puts a label as JSON and deletes it", async () => {
    const fetch = fakeFetch(200, `{"name":"app","hash":"${HELLO_SHA256}"}`);
    const contents = createClient({ url: "http://h/", fetch }).contents;

    await contents.putLabel("app", HELLO_SHA256);
    const [url, init] = fetch.mock.calls[0] as [URL, RequestInit];
    expect(url.toString()).toBe("http://h/v1/labels/app");
    expect(init.method).toBe("PUT");
    expect(init.body).toBe(`{"hash":"${HELLO_SHA256}"}`);
  });
});
