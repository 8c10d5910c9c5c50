// The server's OpenAPI document, checked by the third-party tools a user would point at it: Spectral's
// OpenAPI ruleset, Redocly's recommended rules, Ajv's strict JSON Schema 2020-12 compiler, and a
// client generated with openapi-typescript that must type-check typed calls (test/openapi/typed-call.ts)
// and answer them over HTTP.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import openapiTS, { astToString } from "openapi-typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_DIR, PACKAGE_ROOT, startServer, type TestServer } from "../support/server.mjs";
import { clientFor, uniqueKey, type ChatRoom, type ChatRoomEvents } from "./contracts.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const DIR = join(OUTPUT_DIR, "openapi");
const DOCUMENT = join(DIR, "openapi.json");
/** Where references into the document's schemas point once the schemas are handed to Ajv. */
const SCHEMAS_ID = "https://troupe.test/openapi/schemas";
const METHODS = ["get", "post", "put", "delete", "patch", "head", "options"];

let server: TestServer;
let doc: JsonObject;

beforeAll(async () => {
  server = await startServer({ name: "integration-openapi" });
  const response = await fetch(new URL("v1/openapi.json", server.url));
  expect(response.status).toBe(200);
  doc = (await response.json()) as JsonObject;
  await mkdir(DIR, { recursive: true });
  await writeFile(DOCUMENT, JSON.stringify(doc, null, 2));
});

afterAll(async () => {
  await server?.stop();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs an npm tool of this package; a non-zero exit is an answer, not a failure. */
function tool(name: string, args: string[]): Promise<Run> {
  const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
  return new Promise((resolve) => {
    execFile(
      join(PACKAGE_ROOT, "node_modules", ".bin", name),
      args,
      { cwd: PACKAGE_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function object(value: Json | undefined): JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** The document's operations as [path, method, operation]. */
function operations(): [string, string, JsonObject][] {
  return Object.entries(object(doc.paths)).flatMap(([path, item]) =>
    Object.entries(object(item))
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]): [string, string, JsonObject] => [path, method, object(operation)]),
  );
}

/** Every schema of the document, with where it is: components, parameters, bodies and responses. */
function schemas(): [string, Json][] {
  const found: [string, Json][] = Object.entries(object(object(doc.components).schemas)).map(([name, schema]) => [
    `#/components/schemas/${name}`,
    schema,
  ]);
  const content = (where: string, holder: JsonObject): void => {
    for (const [mediaType, media] of Object.entries(object(holder.content))) {
      if (object(media).schema !== undefined) found.push([`${where} ${mediaType}`, object(media).schema as Json]);
    }
  };
  for (const [path, method, operation] of operations()) {
    const where = `${method.toUpperCase()} ${path}`;
    for (const parameter of (operation.parameters ?? []) as JsonObject[]) {
      if (parameter.schema !== undefined) found.push([`${where} ?${String(parameter.name)}`, parameter.schema]);
      content(`${where} ?${String(parameter.name)}`, parameter);
    }
    if (operation.requestBody !== undefined) content(`${where} body`, object(operation.requestBody));
    for (const [status, response] of Object.entries(object(operation.responses))) {
      content(`${where} ${status}`, object(response));
    }
  }
  return found;
}

/** Points the document's component references at the schema set Ajv holds them in. */
function rehomed(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMAS_ID}#/$defs/`)) as Json;
}

/** Ajv for JSON Schema 2020-12 in strict mode, with the standard formats and OpenAPI's int32 and int64. */
function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  // ajv-formats is CommonJS: its function is the module under Node, `default` under bundlers.
  const module = formats as unknown as { default?: (ajv: Ajv2020) => Ajv2020 } & ((ajv: Ajv2020) => Ajv2020);
  (module.default ?? module)(ajv);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && Math.abs(n + 0.5) < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: rehomed(object(doc.components).schemas ?? {}) as JsonObject });
  return ajv;
}

describe("the OpenAPI document", () => {
  it("passes Spectral's OpenAPI ruleset, a WebSocket upgrade's 101 being its only success", async () => {
    const run = await tool("spectral", [
      "lint",
      "--ruleset",
      "test/openapi/spectral.yaml",
      "--format",
      "json",
      DOCUMENT,
    ]);
    const problems = JSON.parse(run.stdout.slice(run.stdout.indexOf("["))) as { code: string; path: string[] }[];
    const upgrades = problems.filter(
      (p) =>
        p.code === "operation-success-response" && /^\/v1\/(actors\/[^/]+|ids\/\{id\})\/connect$/.test(p.path[1] ?? ""),
    );
    expect(problems.filter((p) => !upgrades.includes(p))).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("passes Redocly's recommended rules without a warning", async () => {
    const run = await tool("redocly", ["lint", "--config", "test/openapi/redocly.yaml", "--format", "json", DOCUMENT]);
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    expect(run.code).toBe(0);
  });

  it("has schemas that Ajv compiles in strict mode, and real answers fit them", async () => {
    const ajv = strictAjv();
    const compiled = new Map<string, ValidateFunction>();
    for (const [where, schema] of schemas()) {
      compiled.set(where, ajv.compile(rehomed(schema) as JsonObject));
    }
    expect(compiled.size).toBeGreaterThan(40);

    const key = uniqueKey("openapi-ajv").join("-");
    const fits = async (where: string, response: Response): Promise<void> => {
      const check = compiled.get(where);
      expect(check, where).toBeDefined();
      const body = (await response.json()) as Json;
      expect(check?.(body) ? [] : check?.errors, `${where}: ${JSON.stringify(body)}`).toEqual([]);
    };
    const post = (path: string, body: Json): Promise<Response> =>
      fetch(new URL(path, server.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await fits("POST /v1/actors/counter 201 application/json", await post(`v1/actors/counter?key=${key}`, {}));
    await fits(
      "POST /v1/actors/chat-room/actions/send 200 application/json",
      await post(`v1/actors/chat-room/actions/send?key=${key}`, { args: ["ada", "hi"] }),
    );
    await fits(
      "POST /v1/actors/chat-room/actions/history 200 application/json",
      await post(`v1/actors/chat-room/actions/history?key=${key}`, {}),
    );
    await fits(
      "GET /v1/actors/counter 200 application/json",
      await fetch(new URL(`v1/actors/counter?key=${key}`, server.url)),
    );
    await fits(
      "GET /v1/actors/counter/view 200 application/json",
      await fetch(new URL(`v1/actors/counter/view?key=${key}`, server.url)),
    );
    await fits(
      "POST /v1/actors/counter/actions/increment 400 application/json",
      await post(`v1/actors/counter/actions/increment?key=${key}`, { args: ["two"] }),
    );
    await fits("GET /healthz 200 application/json", await fetch(new URL("healthz", server.url)));
  });

  it("documents every query parameter each route reads", () => {
    const names = (path: string, method = "get"): string[] =>
      ((object(object(object(doc.paths)[path])[method]).parameters ?? []) as JsonObject[]).map((p) => String(p.name));
    expect(names("/v1/actors/counter/view")).toEqual(
      expect.arrayContaining(["key", "mode", "after", "waitMs", "input"]),
    );
    expect(names("/v1/actors/counter/events")).toEqual(
      expect.arrayContaining(["key", "mode", "event", "token", "Last-Event-ID"]),
    );
    expect(names("/v1/actors/counter/connect")).toEqual(expect.arrayContaining(["key", "mode", "params"]));
    expect(names("/v1/actors/counter/actions/increment", "post")).toEqual(["key", "mode"]);
    expect(
      Object.keys(object(object(object(object(doc.paths)["/v1/actors/counter/connect"]).get).responses)),
    ).toContain("101");
    expect(Object.keys(object(doc.paths))).toEqual(
      expect.arrayContaining(["/v1/openapi.json", "/healthz", "/metrics"]),
    );
    for (const [path, method, operation] of operations()) {
      expect(operation.security, `${method} ${path}`).toBeDefined();
    }
  });

  it("publishes the declared events' argument schemas, and a real broadcast fits them", async () => {
    const events = object(doc["x-troupe-events"]);
    expect(object(events.counter).newCount).toEqual({ $ref: "#/components/schemas/CounterNewCountEvent" });
    expect(object(events["chat-room"]).message).toEqual({ $ref: "#/components/schemas/ChatRoomMessageEvent" });
    const check = strictAjv().compile(rehomed(object(events["chat-room"]).message as Json) as JsonObject);
    const key = uniqueKey("openapi-events");
    const connection = clientFor(server.url).actor<ChatRoom, ChatRoomEvents, unknown>("chat-room", key).connect();
    try {
      await connection.whenOpen();
      const args = new Promise<unknown[]>((resolve) => connection.once("message", (...received) => resolve(received)));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await connection.call("send", "ada", "typed");
      const received = (await args) as Json;
      expect(check(received) ? [] : check.errors, JSON.stringify(received)).toEqual([]);
      expect(check([{ seq: "one" }])).toBe(false);
    } finally {
      connection.close();
    }
  });

  it("describes the WebSocket events in an AsyncAPI document that passes Spectral's AsyncAPI ruleset", async () => {
    const response = await fetch(new URL("v1/asyncapi.json", server.url));
    expect(response.status).toBe(200);
    const asyncApi = (await response.json()) as JsonObject;
    const file = join(DIR, "asyncapi.json");
    await writeFile(file, JSON.stringify(asyncApi, null, 2));
    const run = await tool("spectral", [
      "lint",
      "--ruleset",
      "test/openapi/spectral-asyncapi.yaml",
      "--format",
      "json",
      file,
    ]);
    // Without findings Spectral prints "[]" and then a line of text.
    const problems = JSON.parse(
      run.stdout.slice(run.stdout.indexOf("["), run.stdout.lastIndexOf("]") + 1),
    ) as unknown[];
    expect(problems).toEqual([]);
    expect(run.code).toBe(0);
    const counter = object(object(asyncApi.channels).counter);
    expect(counter.address).toBe("/v1/actors/counter/connect");
    expect(Object.keys(object(counter.messages))).toEqual(["newCount", "subscribe"]);
  });

  it("generates with openapi-typescript a client whose typed calls type-check and answer", async () => {
    const generated = astToString(await openapiTS(doc as unknown as Parameters<typeof openapiTS>[0]));
    await writeFile(join(DIR, "troupe.d.ts"), generated);
    expect(generated).not.toMatch(/\bvoid\b/);

    const tsc = await tool("tsc", ["-p", "test/openapi/tsconfig.json", "--noEmit"]);
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);

    const module = (await import(pathToFileURL(join(PACKAGE_ROOT, "test", "openapi", "typed-call.ts")).href)) as {
      typedCalls(base: string, key: string): Promise<{ total: number; count: number; created: { id: string } }>;
    };
    const results = await module.typedCalls(server.url, uniqueKey("openapi-typed").join("-"));
    expect(results).toMatchObject({ total: 2, count: 2 });
    expect(results.created.id).toMatch(/.+/);
  });
});
