import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { mintToken, type TokenOptions } from "../../src/tokens.js";
import { wireFixture } from "../support/wire-fixtures.js";

interface TokenFixture {
  readonly name: string;
  readonly mint: TokenOptions;
  readonly issuedAt: number;
  readonly token: string;
}

const fixture = wireFixture<{ secret: string; tokens: TokenFixture[] }>("tokens.json");

/** The header and claims of a compact JWS, decoded. */
function decode(token: string): { header: unknown; claims: unknown } {
  const [header, claims] = token.split(".");
  const json = (part: string | undefined) => JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
  return { header: json(header), claims: json(claims) };
}

/** Whether `token` carries a valid HS256 signature under `secret`, checked with node:crypto. */
function signedWith(token: string, secret: string): boolean {
  const dot = token.lastIndexOf(".");
  const expected = createHmac("sha256", secret).update(token.slice(0, dot)).digest("base64url");
  return token.slice(dot + 1) === expected;
}

describe("mintToken", () => {
  it.each(fixture.tokens)("makes the token TokenIssuer makes: $name", async ({ mint, issuedAt, token }) => {
    const minted = await mintToken(fixture.secret, { ...mint, now: issuedAt * 1000 });

    expect(decode(minted)).toEqual(decode(token));
    expect(signedWith(minted, fixture.secret)).toBe(true);
    expect(signedWith(token, fixture.secret)).toBe(true);
  });

  it("accepts the secret as bytes and sets exp from expiresIn", async () => {
    const minted = await mintToken(new TextEncoder().encode(fixture.secret), {
      subject: "ops",
      callerType: "service",
      expiresIn: 900,
      now: 1_700_000_000_500,
    });

    expect(decode(minted).claims).toEqual({ sub: "ops", ctype: "service", iat: 1_700_000_000, exp: 1_700_000_900 });
    expect(signedWith(minted, fixture.secret)).toBe(true);
  });

  it("takes a one-part key as a string", async () => {
    const minted = await mintToken(fixture.secret, { subject: "a", actorType: "counter", actorKey: "k", now: 0 });

    expect(decode(minted).claims).toMatchObject({ ctype: "client", atype: "counter", akey: ["k"] });
  });

  it("refuses what the server would refuse or what TokenIssuer cannot express", async () => {
    await expect(mintToken("too short", { subject: "a" })).rejects.toThrow("at least 32 bytes");
    await expect(mintToken(fixture.secret, { subject: "" })).rejects.toThrow("non-empty subject");
    await expect(mintToken(fixture.secret, { subject: "a", claims: { ctype: "service" } })).rejects.toThrow(
      "claim 'ctype'",
    );
    await expect(mintToken(fixture.secret, { subject: "a", actorKey: ["k"] })).rejects.toThrow("set actorType");
  });
});
