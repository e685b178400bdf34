// Standard Schema v1 (https://standardschema.dev): the interface Hono, tRPC, TanStack Form and
// other libraries accept from any validation library. Each top-level model's validate function,
// wrapped once; the spec is types only, so nothing of it ships at run time.
import type { StandardSchemaV1 } from "@standard-schema/spec";
import type { ValidationResult } from "./create.js";
import type { ValidationIssue } from "./issues.js";
import { unescapeToken } from "./pointer.js";

export type { StandardSchemaV1 };

/** A Standard Schema v1 of `T` whose `validate` is synchronous (the spec allows a promise; ours
 *  never returns one, and says so to the compiler). */
export interface SyncStandardSchemaV1<T> extends StandardSchemaV1<T, T> {
  readonly "~standard": Omit<StandardSchemaV1.Props<T, T>, "validate"> & {
    readonly validate: (value: unknown, options?: StandardSchemaV1.Options) => StandardSchemaV1.Result<T>;
  };
}

/** The `vendor` of every schema of this package. */
export const STANDARD_SCHEMA_VENDOR = "payment-validators";

/** The spec's path of an issue: the JSON Pointer's tokens, with array indices as numbers (read
 *  from the payload itself, since a pointer does not say whether "0" indexes an array). */
function pathOf(pointer: string, payload: unknown): PropertyKey[] | undefined {
  if (pointer === "") return undefined;
  const path: PropertyKey[] = [];
  let node: unknown = payload;
  for (const raw of pointer.slice(1).split("/")) {
    const token = unescapeToken(raw);
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(token)) {
      path.push(Number(token));
      node = node[Number(token)];
    } else {
      path.push(token);
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[token] : undefined;
    }
  }
  return path;
}

function toStandardIssue(issue: ValidationIssue, payload: unknown): StandardSchemaV1.Issue {
  let path: PropertyKey[] | undefined;
  try {
    path = pathOf(issue.pointer, payload);
  } catch {
    // a payload whose getters throw: the pointer's tokens still say where
    path = issue.pointer === "" ? undefined : issue.pointer.slice(1).split("/");
  }
  return path === undefined ? { message: issue.message } : { message: issue.message, path };
}

/** A Standard Schema whose `validate` is `validate` (synchronous, never throws): `{ value }` for an
 *  accepted payload (the payload itself), `{ issues }` with each issue's message and path otherwise. */
export function standardSchema<T>(validate: (data: unknown) => ValidationResult<T>): SyncStandardSchemaV1<T> {
  const props: SyncStandardSchemaV1<T>["~standard"] = {
    version: 1,
    vendor: STANDARD_SCHEMA_VENDOR,
    validate(value: unknown): StandardSchemaV1.Result<T> {
      const result = validate(value);
      return result.ok ? { value: result.value } : { issues: result.issues.map((issue) => toStandardIssue(issue, value)) };
    },
  };
  return Object.freeze({ "~standard": Object.freeze(props) });
}
