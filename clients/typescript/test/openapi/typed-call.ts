// Typed calls through the types openapi-typescript generates from the server's OpenAPI document
// (test-output/openapi/troupe.d.ts, written by test/integration/openapi.test.ts). The test type-checks
// this file with `tsc -p test/openapi --noEmit` and runs `typedCalls` against the server. Each
// `@ts-expect-error` line is a call the generated types must refuse: tsc fails if one is accepted.
import type { ChatRoomEvents, CounterEvents } from "../../demo/src/contracts.js";
import type { components, paths } from "../../test-output/openapi/troupe.js";

type ActionPath = Extract<keyof paths, `/v1/actors/${string}/actions/${string}`>;
type Body<P extends ActionPath> = NonNullable<paths[P]["post"]["requestBody"]>["content"]["application/json"];
type Output<P extends ActionPath> = paths[P]["post"]["responses"][200]["content"]["application/json"]["output"];
type Info = paths["/v1/actors/counter"]["get"]["responses"][200]["content"]["application/json"];
type Created = paths["/v1/actors/counter"]["post"]["responses"][201]["content"]["application/json"];
/** The arguments of a declared event, as the document's x-troupe-events points at them. */
type EventArgs<Name extends keyof components["schemas"] & `${string}Event`> = components["schemas"][Name];
type StreamedEvent = NonNullable<paths["/v1/actors/counter/events"]["get"]["parameters"]["query"]>["event"];

/** Calls an action over HTTP with the request and result types of its path. */
async function call<P extends ActionPath>(base: string, path: P, key: string, body: Body<P>): Promise<Output<P>> {
  const url = new URL(`${path.slice(1)}?key=${encodeURIComponent(key)}`, base);
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as { output: Output<P> };
  return answer.output;
}

async function read<T>(base: string, path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(new URL(path.slice(1), base), init);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** What the typed calls answered, for the test to check. */
export interface TypedResults {
  total: number;
  count: number;
  message: components["schemas"]["ChatRoomSendResponse"]["output"];
  seq: number;
  at: string;
  created: Created;
  info: Info;
  createdAt: string;
}

/** Creates a counter, calls typed actions on it and on a chat room, and describes the counter. */
export async function typedCalls(base: string, key: string): Promise<TypedResults> {
  const created: Created = await read(base, `/v1/actors/counter?key=${key}`, { method: "POST" });
  const total: number = await call(base, "/v1/actors/counter/actions/increment", key, { args: [2] });
  const count: number = await call(base, "/v1/actors/counter/actions/count", key, { args: [] });
  const message = await call(base, "/v1/actors/chat-room/actions/send", key, { args: ["ada", "hello"] });
  const seq: number = message.seq;
  const at: string = message.at;
  const info: Info = await read(base, `/v1/actors/counter?key=${key}`);
  const createdAt: string = info.createdAt;
  return { total, count, message, seq, at, created, info, createdAt };
}

/** Calls the generated types refuse; never run. */
export async function refusedCalls(base: string): Promise<void> {
  // @ts-expect-error increment's argument is a number
  await call(base, "/v1/actors/counter/actions/increment", "k", { args: ["two"] });
  // @ts-expect-error increment takes exactly one argument
  await call(base, "/v1/actors/counter/actions/increment", "k", { args: [] });
  // @ts-expect-error count takes no argument
  await call(base, "/v1/actors/counter/actions/count", "k", { args: [1] });
  // @ts-expect-error send takes two strings
  await call(base, "/v1/actors/chat-room/actions/send", "k", { args: ["ada"] });
  // @ts-expect-error no such action
  await call(base, "/v1/actors/counter/actions/decrement", "k", { args: [1] });
  // @ts-expect-error increment answers a number, not a string
  const text: string = await call(base, "/v1/actors/counter/actions/increment", "k", { args: [1] });
  const message = await call(base, "/v1/actors/chat-room/actions/send", "k", { args: ["ada", "hi"] });
  // @ts-expect-error a chat message has no field author
  void message.author;
  // @ts-expect-error every field of the actor info is required
  const partial: Info = { id: "x" };
  // @ts-expect-error create answers an id and a key, not nothing
  const nothing: Created = undefined;
  void [text, partial, nothing];
}

/** Whether A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The demo's hand-written event contracts are the generated event types. */
export const counterAgrees: Same<EventArgs<"CounterNewCountEvent">, CounterEvents["newCount"]> = true;
export const chatAgrees: Same<EventArgs<"ChatRoomMessageEvent">, ChatRoomEvents["message"]> = true;
export const streamed: StreamedEvent = ["newCount", "*"];

/** Events the generated types refuse; never used. */
export function refusedEvents(): void {
  // @ts-expect-error newCount carries a number
  const text: EventArgs<"CounterNewCountEvent"> = ["three"];
  // @ts-expect-error newCount carries exactly one argument
  const none: EventArgs<"CounterNewCountEvent"> = [];
  // @ts-expect-error a chat message event carries a whole message
  const partial: EventArgs<"ChatRoomMessageEvent"> = [{ seq: 1 }];
  // @ts-expect-error the counter declares no event newTotal
  const undeclared: StreamedEvent = ["newTotal"];
  void [text, none, partial, undeclared];
}
