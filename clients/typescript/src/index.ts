export { createClient, TroupeClient, type TypedHandle, type TypedIdHandle } from "./client.js";
export {
  ActorHandle,
  ActorIdHandle,
  ActorOperations,
  type ActorInfo,
  type HandleOptions,
  type HistoryPage,
  type VerifiedHistory,
  type ViewSnapshot,
} from "./handle.js";
export { ContentStore, type ContentBody, type StoredContent } from "./contents.js";
export type { ActorPage, ListOptions } from "./listing.js";
export { ActorConnection, type ConnectionStatus, type ConnectParams } from "./connection.js";
export { Channel, type ChannelListener, type ChannelName } from "./channel.js";
export type { View } from "./view.js";
export { ActorError, ClientErrorCode, type ErrorBody } from "./errors.js";
export { CloseCode } from "./close-codes.js";
export type { ClientOptions, MaybePromise, WebSocketFactory, WebSocketLike } from "./config.js";
export { DEFAULT_BACKOFF, type BackoffOptions } from "./backoff.js";
export { applyPatch, PatchError, type PatchOperation } from "./json-patch.js";
export { canonicalJson, checksum } from "./canonical.js";
export {
  ChainChecker,
  entryHash,
  verifyChain,
  type ChainStart,
  type ChainVerification,
  type HistoryEntry,
  type HistorySubscription,
} from "./history.js";
export { matchesState, type MachineView, type StateValue, type WaitOptions } from "./machine.js";
export type { JsonObject, JsonValue } from "./json.js";
export type { ActorKey } from "./urls.js";
export type {
  ActionArgs,
  ActionName,
  ActionResult,
  Actions,
  AnyFunction,
  EventArgs,
  EventName,
  UntypedActions,
  UntypedEvents,
} from "./types.js";
