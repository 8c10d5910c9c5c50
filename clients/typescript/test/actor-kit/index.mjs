// The real actor-kit@0.47.0 as an app's server and browser code import it: createAccessToken and
// createActorFetch from its server entry (TypeScript source, as published), createActorKitClient from
// its browser bundle. Resolved from this folder, so that actor-kit sees the zod 3 and React 18 it was
// built for.
export { createAccessToken, createActorFetch } from "actor-kit/server";
export { createActorKitClient } from "actor-kit/browser";
