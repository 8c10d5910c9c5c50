import { describe, expect, it } from "vitest";
import { ActorError } from "../../src/errors.js";
import { errorCatalogue } from "../support/wire-fixtures.js";

describe("ActorError.fromWire and the error catalogue", () => {
  it.each(errorCatalogue())("keeps $group/$code with its status $status", ({ group, code, status }) => {
    const error = ActorError.fromWire({ group, code, message: "from the fixture", metadata: { a: 1 } }, status);

    expect(error.qualifiedCode).toBe(`${group}/${code}`);
    expect(error.is(`${group}/${code}`)).toBe(true);
    expect(error.status).toBe(status);
    expect(error.metadata).toEqual({ a: 1 });
    expect(error.toJSON()).toEqual({ group, code, message: "from the fixture", metadata: { a: 1 } });
  });

  it("keeps no catalogue code in the group of the client's own errors", () => {
    expect(errorCatalogue().filter((entry) => entry.group === "client")).toEqual([]);
  });
});
