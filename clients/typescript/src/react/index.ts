export { TroupeProvider, useTroupeClient, type TroupeProviderProps } from "./context.js";
export { useActor, useEvent, useView, type ActorBinding, type UseActorOptions } from "./hooks.js";
