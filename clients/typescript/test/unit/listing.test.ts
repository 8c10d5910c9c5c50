import { describe, expect, it, vi } from "vitest";
import { ActorError, createClient, type ActorInfo } from "../../src/index.js";

interface Counter {
  increment(amount: number): number;
}

const ID = "0190a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b";

function actor(n: number): ActorInfo {
  return { id: `id-${n}`, type: "counter", key: ["acme", `room-${n}`], createdAt: "2026-01-01T00:00:00Z" };
}

/** A fetch answering each call with the next of `bodies`. */
function fetchOf(...bodies: Array<[number, unknown]>) {
  let n = 0;
  return vi.fn<typeof fetch>(async () => {
    const [status, body] = bodies[n++] ?? [500, { group: "actor", code: "internal_error", message: "", metadata: {} }];
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  });
}

function urls(fetch: ReturnType<typeof fetchOf>): string[] {
  return (fetch.mock.calls as Array<[URL, RequestInit]>).map(([url, init]) => `${init.method} ${url.toString()}`);
}

describe("handles by id", () => {
  it("address every operation under /v1/ids/{id}, without key or mode", async () => {
    const fetch = fetchOf(
      [200, { output: 3 }],
      [200, actor(1)],
      [200, { view: 1, checksum: "c", seq: 0 }],
      [204, undefined],
    );
    const client = createClient({ url: "http://h/base/", fetch });
    const counter = client.byId<Counter>(ID);

    const output: number = await counter.increment(2);
    const info = await counter.info();
    await counter.fetchView();
    await counter.destroy();

    expect(output).toBe(3);
    expect(info).toEqual(actor(1));
    expect(counter.id).toBe(ID);
    expect(urls(fetch)).toEqual([
      `POST http://h/base/v1/ids/${ID}/actions/increment`,
      `GET http://h/base/v1/ids/${ID}`,
      `GET http://h/base/v1/ids/${ID}/view`,
      `DELETE http://h/base/v1/ids/${ID}`,
    ]);
    expect((fetch.mock.calls[0] as [URL, RequestInit])[1].body).toBe('{"args":[2]}');
  });

  it("rejects with the server's not_found for an unknown id", async () => {
    const body = { group: "actor", code: "not_found", message: "no actor has the id", metadata: { id: ID } };
    const error = await createClient({ url: "http://h", fetch: fetchOf([404, body]) })
      .byId(ID)
      .call("count")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActorError);
    expect(error).toMatchObject({ qualifiedCode: "actor/not_found", status: 404, metadata: { id: ID } });
  });
});

describe("listing", () => {
  it("asks for one page with the prefix parts, limit and cursor", async () => {
    const fetch = fetchOf([200, { actors: [actor(1)], next: "abc" }]);
    const page = await createClient({ url: "http://h", fetch }).list("counter", {
      prefix: ["acme", "a b"],
      limit: 1,
      cursor: "c/d",
    });
    expect(page).toEqual({ actors: [actor(1)], next: "abc" });
    expect(urls(fetch)).toEqual(["GET http://h/v1/actors/counter/list?prefix=acme&prefix=a+b&limit=1&cursor=c%2Fd"]);
  });

  it("iterates every page in turn, passing each next as the cursor", async () => {
    const fetch = fetchOf(
      [200, { actors: [actor(1), actor(2)], next: "p2" }],
      [200, { actors: [actor(3)], next: "p3" }],
      [200, { actors: [], next: null }],
    );
    const seen: string[] = [];
    for await (const info of createClient({ url: "http://h", fetch }).listAll("counter", {
      prefix: "acme",
      limit: 2,
    })) {
      seen.push(info.id);
    }
    expect(seen).toEqual(["id-1", "id-2", "id-3"]);
    expect(urls(fetch)).toEqual([
      "GET http://h/v1/actors/counter/list?prefix=acme&limit=2",
      "GET http://h/v1/actors/counter/list?prefix=acme&limit=2&cursor=p2",
      "GET http://h/v1/actors/counter/list?prefix=acme&limit=2&cursor=p3",
    ]);
  });

  it("fetches no page beyond what the iteration consumes", async () => {
    const fetch = fetchOf([200, { actors: [actor(1)], next: "p2" }], [200, { actors: [actor(2)], next: null }]);
    for await (const info of createClient({ url: "http://h", fetch }).listAll("counter")) {
      expect(info.id).toBe("id-1");
      break;
    }
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("rejects with the server's error (forbidden, invalid_cursor) and on an answer that is not a page", async () => {
    const forbidden = { group: "auth", code: "forbidden", message: "may not list", metadata: { operation: "#list" } };
    const client = createClient({ url: "http://h", fetch: fetchOf([403, forbidden], [200, { actors: "x" }]) });
    await expect(client.list("counter")).rejects.toMatchObject({ qualifiedCode: "auth/forbidden", status: 403 });
    await expect(client.list("counter")).rejects.toMatchObject({ qualifiedCode: "client/bad_response" });
  });
});
