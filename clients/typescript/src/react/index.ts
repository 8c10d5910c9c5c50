export { TroupeProvider, useTroupeClient, type TroupeProviderProps } from "./context.js";
export { useActor, useEvent, useMatches, useView, type ActorBinding, type UseActorOptions } from "./hooks.js";
export { Matches, type MatchesProps } from "./matches.js";
