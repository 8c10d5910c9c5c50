import { createContext, createElement, useContext, type ReactNode } from "react";
import type { TroupeClient } from "../client.js";
import { ConnectionPool } from "./pool.js";

const ClientContext = createContext<TroupeClient | undefined>(undefined);
const pools = new WeakMap<TroupeClient, ConnectionPool>();

/** Props of {@link TroupeProvider}. */
export interface TroupeProviderProps {
  /** The client the hooks below use. */
  readonly client: TroupeClient;
  readonly children?: ReactNode;
}

/**
 * Makes `client` available to the Troupe hooks in `children`.
 *
 * @example
 * const client = createClient({ url: location.origin });
 * root.render(<TroupeProvider client={client}><App /></TroupeProvider>);
 */
export function TroupeProvider({ client, children }: TroupeProviderProps): ReactNode {
  return createElement(ClientContext.Provider, { value: client }, children);
}

/**
 * The client of the nearest {@link TroupeProvider}.
 *
 * @throws Error outside a provider
 */
export function useTroupeClient(): TroupeClient {
  const client = useContext(ClientContext);
  if (client === undefined) throw new Error("Troupe hooks need a <TroupeProvider client={…}> above them");
  return client;
}

/** The shared connection pool of `client` (one per client). */
export function poolOf(client: TroupeClient): ConnectionPool {
  let pool = pools.get(client);
  if (pool === undefined) {
    pool = new ConnectionPool(client);
    pools.set(client, pool);
  }
  return pool;
}
