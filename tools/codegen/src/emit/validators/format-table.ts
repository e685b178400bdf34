// format-table: which format functions the bundled validators call. Ajv compiles each format check
// to a read of one table (its `code.formats` option); this module builds that table with only the
// formats the schemas use: our own check (runtime/formats.ts) where there is one, ajv-formats' for
// the rest. Formats that are plain patterns need no entry (Ajv and the guards inline the pattern).
import type { Format } from "ajv";
import { _, type Ajv2020 } from "ajv/dist/2020.js";
import * as ownFormats from "../../runtime/formats.js";
import { runtimeModulePath } from "../../runtime/sources.js";
import { type JsonObject, walkJson } from "../../model/schema-walk.js";
import { AjvTrimError } from "./ajv-trim.js";

/** The name the table has in the bundled code. */
export const FORMAT_TABLE = "formats$";
const OWN_FORMATS_MODULE = runtimeModulePath("formats");

/** Ajv `code` options making compiled format checks read the table. */
export const formatTableCode = { formats: _`formats$` };

/** Ajv compiles against the functions the bundle will call (createAjv registers them). */
export { useOwnFormats } from "../../ajv.js";

/** Ajv inlines a format that is a pattern; any other definition is read from the table. */
function needsCode(definition: Format | undefined): boolean {
  return definition !== undefined && definition !== true && !(definition instanceof RegExp);
}

/** JS source declaring the table (an import plus one object) for the formats `schemas` use, and
 *  importing the code-point counter. */
export function formatTableSource(ajv: Ajv2020, schemas: readonly JsonObject[]): string {
  const used = new Set<string>();
  for (const schema of schemas) {
    walkJson(schema, "", (node) => {
      if (typeof node.format === "string" && needsCode(ajv.formats[node.format])) used.add(node.format);
    });
  }
  const imports: string[] = [];
  const entries: string[] = [];
  for (const name of [...used].sort()) {
    const own = ownFormats.FORMAT_EXPORTS[name];
    if (own) {
      imports.push(`${own} as ${FORMAT_TABLE}${own}`);
      entries.push(`${JSON.stringify(name)}: ${FORMAT_TABLE}${own}`);
    } else {
      entries.push(`${JSON.stringify(name)}: require("ajv-formats/dist/formats").fullFormats[${JSON.stringify(name)}]`);
    }
  }
  imports.push(`ucs2length as ${UCS2LENGTH}`);
  return `import { ${imports.join(", ")} } from ${JSON.stringify(OWN_FORMATS_MODULE)};const ${FORMAT_TABLE} = {${entries.join(", ")}};`;
}

/** The code-point counter (for minLength/maxLength) in the bundled code: our ESM copy instead of
 *  Ajv's CommonJS helper, which would bring a module wrapper along. */
export const UCS2LENGTH = "ucs2length$";
const AJV_UCS2LENGTH = 'require("ajv/dist/runtime/ucs2length").default';

export function useOwnUcs2length(source: string): string {
  const replaced = source.split(AJV_UCS2LENGTH).join(UCS2LENGTH);
  if (replaced.includes("runtime/ucs2length")) throw new AjvTrimError("useOwnUcs2length", `Ajv's ucs2length is not read as ${AJV_UCS2LENGTH}`);
  return replaced;
}
