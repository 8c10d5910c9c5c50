import type { Actions } from "./types.js";

/** Property names a typed proxy never turns into actions: promise and JSON protocols probe them. */
const RESERVED = new Set(["then", "toJSON"]);

/**
 * `target` extended with one method per action: reading any property that `target` does not have
 * (other than `then` and `toJSON`) yields a function that calls the action of that name.
 */
export function withActions<T extends object, A>(
  target: T,
  call: (action: string, args: unknown[]) => Promise<unknown>,
): T & Actions<A> {
  return new Proxy(target, {
    get(object, property, receiver) {
      if (typeof property === "symbol" || property in object || RESERVED.has(property)) {
        const value: unknown = Reflect.get(object, property, receiver);
        return typeof value === "function" ? value.bind(object) : value;
      }
      return (...args: unknown[]) => call(property, args);
    },
  }) as T & Actions<A>;
}

/** A proxy whose every property (other than `then` and `toJSON`) calls the action of that name. */
export function actionsProxy<A>(call: (action: string, args: unknown[]) => Promise<unknown>): Actions<A> {
  return withActions<object, A>(Object.create(null) as object, call);
}
