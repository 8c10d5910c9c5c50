/** Any function; the shape of an action in an actor's contract. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (...args: any[]) => unknown;

/**
 * The contract of an actor whose actions are not described: any action name, any arguments, an
 * unknown result. Describe a contract as an interface of methods instead:
 *
 * @example
 * interface Counter {
 *   increment(amount: number): number;
 *   count(): number;
 * }
 */
export type UntypedActions = Record<string, AnyFunction>;

/** The events of an actor whose events are not described: any name, any arguments. */
export type UntypedEvents = Record<string, unknown[]>;

/** The names of the actions of contract `A`. */
export type ActionName<A> = {
  [K in keyof A]: A[K] extends AnyFunction ? K : never;
}[keyof A] &
  string;

/** The argument list of action `K` of contract `A`. */
export type ActionArgs<A, K extends keyof A> = A[K] extends (...args: infer P) => unknown ? P : never;

/** What action `K` of contract `A` resolves to. */
export type ActionResult<A, K extends keyof A> = A[K] extends (...args: never[]) => infer R ? Awaited<R> : never;

/**
 * Contract `A` with every action returning a promise: the type of a typed proxy, so that
 * `client.actor<Counter>("counter", "a").increment(1)` is a `Promise<number>`.
 */
export type Actions<A> = {
  readonly [K in ActionName<A>]: (...args: ActionArgs<A, K>) => Promise<ActionResult<A, K>>;
};

/** The names of the events of event map `E` (an object type from event name to argument tuple). */
export type EventName<E> = keyof E & string;

/** The arguments of event `K` of event map `E`; a non-tuple type is one argument. */
export type EventArgs<E, K extends keyof E> = E[K] extends readonly unknown[] ? [...E[K]] : [E[K]];
