// error-cap (src/emit/error-cap.ts) on Ajv's spelling of its data loops; the validators it bounds
// are tested through the package (packages/payment-validators/test/issue-limit.test.ts).
import { describe, expect, it } from "vitest";
import { MAX_GATHERED_ERRORS, capErrorGathering } from "../src/emit/validators/error-cap.js";

function run(source: string, data: unknown): { valid: boolean; errors: { keyword: string }[] | null } {
  const validate = new Function("data", `const instancePath = ""; let vErrors = null; let errors = 0; ${source} return { valid: errors === 0, errors: vErrors };`);
  return validate(data) as { valid: boolean; errors: { keyword: string }[] | null };
}

const PUSH = `{const err0 = {instancePath,schemaPath:"#/items/type",keyword:"type",params:{}};if(vErrors === null){vErrors = [err0];}else{vErrors.push(err0);}errors++;}`;
const ITEMS = `const len0 = data.length;for(let i0=0; i0<len0; i0++){if(typeof data[i0] !== "string")${PUSH}}`;
const KEYS = `for(const key0 in data){if(key0 !== "a")${PUSH}}`;

describe("capErrorGathering", () => {
  it("stops an items loop at the limit with one maxIssues error", () => {
    const capped = capErrorGathering(ITEMS);
    const result = run(capped, new Array(5000).fill(1));
    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(MAX_GATHERED_ERRORS + 1);
    expect(result.errors!.at(-1)).toMatchObject({ keyword: "maxIssues", params: { limit: MAX_GATHERED_ERRORS } });
    expect(run(ITEMS, new Array(5000).fill(1)).errors).toHaveLength(5000);
  });

  it("stops a keys loop the same way, and changes nothing below the limit", () => {
    const capped = capErrorGathering(KEYS);
    const wide = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, i]));
    expect(run(capped, wide).errors).toHaveLength(MAX_GATHERED_ERRORS + 1);
    const few = { a: 1, b: 2, c: 3 };
    expect(run(capped, few)).toEqual(run(KEYS, few));
    expect(run(capErrorGathering(ITEMS), ["x", "y"])).toEqual({ valid: true, errors: null });
  });

  it("caps an items loop that starts after prefixItems, and leaves uniqueItems' bounded scan alone", () => {
    const afterPrefix = ITEMS.replace("for(let i0=0;", "for(let i0=2;");
    expect(run(capErrorGathering(afterPrefix), new Array(5000).fill(1)).errors).toHaveLength(MAX_GATHERED_ERRORS + 1);
    const unique = "let i0 = data.length;let j0;outer0:for(;i0--;){for(j0 = i0; j0--;){if(data[i0] === data[j0]){errors++;break outer0;}}}";
    expect(capErrorGathering(unique)).toBe(unique);
  });

  it("refuses code whose loops it does not recognise", () => {
    expect(() => capErrorGathering("for (let i = 0; i < data.length; i++) {}")).toThrow(/neither over the data nor bounded by the schema/);
    expect(capErrorGathering("const a = 1;")).toBe("const a = 1;");
  });
});
