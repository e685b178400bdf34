// Parsers for the two source documents as received (schemas/sources/), so the coverage test reads
// the documents themselves rather than a list someone copied out of them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SCHEMAS_DIR } from "./helpers.js";

export interface SourceField {
  /** Path of wire names from the model root, e.g. ["error_details", "code"]. */
  path: string[];
  /** JSON types the document gives ("string", "object", "boolean", "array", "integer"/"number", "null"). */
  types: string[];
  format?: string;
  enumValues?: (string | null)[];
  /** Named type the document gives (e.g. "ErrorDetails", "Payment"). */
  typeName?: string;
  optional?: boolean;
}

const ADYEN_DOC = join(SCHEMAS_DIR, "sources/adyen-session-result-response.md");
const GATEWAY_DOC = join(SCHEMAS_DIR, "sources/gateway-payment-session-result.txt");

/** The Adyen SDK page: a field table with SDK names, plus a JSON example with wire names. */
export function parseAdyenDocument(): { fields: SourceField[]; example: any; statusValues: string[] } {
  const text = readFileSync(ADYEN_DOC, "utf8");
  const example = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(text)![1]!);
  const wireNames = Object.keys(example);
  const toWire = (sdk: string) => {
    const camel = sdk.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const wire = wireNames.find((w) => w === camel);
    if (!wire) throw new Error(`SDK attribute ${sdk} has no wire name in the example`);
    return wire;
  };
  const fields: SourceField[] = [];
  let statusValues: string[] = [];
  for (const line of text.split("\n")) {
    const row = /^\| `([a-z_]+)` \| (.+?) \| (Optional|Required) \| (.*) \|$/.exec(line);
    if (!row) continue;
    const [, sdkName, typeCell, tag, description] = row as unknown as [string, string, string, string, string];
    const typeText = typeCell.replace(/\[`([^`]+)`\]\([^)]*\)/, "$1").replace(/`/g, "");
    const field: SourceField = { path: [toWire(sdkName)], types: [], optional: tag === "Optional" };
    if (/^Hash\[/.test(typeText)) field.types = ["object"];
    else if (typeText === "String") field.types = ["string"];
    else if (/^Array\[(\w+)\]$/.test(typeText)) {
      field.types = ["array"];
      field.typeName = /^Array\[(\w+)\]$/.exec(typeText)![1];
    } else {
      field.types = ["string"];
      field.typeName = typeText; // Status4: the SDK's generated enum name
      statusValues = [...description.matchAll(/\* \*\*(\w+)\*\*:/g)].map((m) => m[1]!);
      field.enumValues = statusValues;
    }
    fields.push(field);
  }
  // Nested fields are documented only by the example: take their names and JSON types from it.
  const walk = (value: any, path: string[]) => {
    if (Array.isArray(value)) return walk(value[0], path);
    if (value === null || typeof value !== "object") return;
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, key];
      if (path.length > 0 && path[0] !== "additionalData") {
        fields.push({ path: childPath, types: [Array.isArray(child) ? "array" : Number.isInteger(child) ? "integer" : typeof child], optional: undefined });
      }
      if (path[0] !== "additionalData" && key !== "additionalData") walk(child, childPath);
    }
  };
  walk(example, []);
  return { fields, example, statusValues };
}

/** The gateway page: a bullet tree, each field followed by "Type: ..." and, for enums, its values. */
export function parseGatewayDocument(): SourceField[] {
  const lines = readFileSync(GATEWAY_DOC, "utf8").split("\n");
  const fields: SourceField[] = [];
  const stack: { indent: number; field: SourceField }[] = [];
  let valuesIndent = -1;
  let current: SourceField | undefined;
  for (const line of lines) {
    const bullet = /^( *)\u2022 (\S+)$/.exec(line);
    if (bullet) {
      const indent = bullet[1]!.length;
      if (current && indent === valuesIndent) {
        current.enumValues = [...(current.enumValues ?? []), bullet[2] === "null" ? null : bullet[2]!];
        continue;
      }
      valuesIndent = -1;
      while (stack.length > 0 && stack[stack.length - 1]!.indent >= indent) stack.pop();
      current = { path: [...(stack[stack.length - 1]?.field.path ?? []), bullet[2]!], types: [] };
      stack.push({ indent, field: current });
      fields.push(current);
      continue;
    }
    const type = /^ *Type: (.+)$/.exec(line);
    if (type && current) {
      // e.g. "string | nullFormat: date-time", "stringenum", "object | null · ErrorDetails"
      let rest = type[1]!;
      const format = /Format: (\S+)$/.exec(rest);
      if (format) {
        current.format = format[1];
        rest = rest.slice(0, format.index);
      }
      const named = / \u00b7 (\w+)$/.exec(rest);
      if (named) {
        current.typeName = named[1];
        rest = rest.slice(0, named.index);
      }
      if (rest.endsWith("enum")) {
        rest = rest.slice(0, -"enum".length);
        current.enumValues = [];
      }
      current.types = rest
        .split("|")
        .map((t) => t.trim())
        .filter(Boolean);
      continue;
    }
    const values = /^( *)values$/.exec(line);
    if (values && current) valuesIndent = values[1]!.length;
  }
  return fields;
}
