// error-cap: bounds the work Ajv's code does on a payload it rejects. Ajv (allErrors) visits every
// item of an array and every key of an object, however many errors it has found: an array of
// length 2^32-1 with nothing in it (a few bytes of JavaScript) means four billion errors, and the
// process dies out of memory. Each loop over the data now stops once its validator has gathered
// MAX_GATHERED_ERRORS errors, leaving one `maxIssues` error that says so. A payload is still
// rejected exactly when Ajv rejects it: errors are only ever added, and only past the limit.

export const MAX_GATHERED_ERRORS = 1000;

// Ajv's loops over the data: array items (`for(let i0=0; i0<len0; i0++){`, starting after the
// prefixItems or the evaluated items when there are some) and object keys
// (`for(const key0 in data){`), in its standalone code's own spelling.
const DATA_LOOP = /for\(let (i\d+)=(?:\d+|items\d+); \1<(len\d+); \1\+\+\)\{|for\(const (key\d+) in (data\d*)\)\{/g;
// Loops that gather at most one error, or one per name in the schema: uniqueItems' pairwise scan
// (which stops at the first duplicate) and a `required` list checked in a loop (as Ajv writes it,
// or read from a constant once ajv-trim.ts has inlined it).
const BOUNDED_LOOP = /for\(;i\d+--;\)\{|for\(j\d+ = i\d+; j\d+--;\)\{|for\(const prop\d+ of (?:schema\d+\.required|schemaValue\$\d+)\)\{/g;

/** Ajv's standalone code with every loop over the data bounded by the number of errors gathered. */
export function capErrorGathering(source: string): string {
  const stop =
    `if(errors >= ${MAX_GATHERED_ERRORS}){` +
    `const errStop = {instancePath,schemaPath:"#",keyword:"maxIssues",params:{limit:${MAX_GATHERED_ERRORS}}};` +
    "if(vErrors === null){vErrors = [errStop];}else{vErrors.push(errStop);}errors++;break;}";
  const capped = source.replace(DATA_LOOP, (loop) => `${loop}${stop}`);
  // A loop of neither kind means Ajv's spelling has changed: refuse rather than leave it unbounded.
  const unknown = source
    .replace(DATA_LOOP, "")
    .replace(BOUNDED_LOOP, "")
    .match(/\bfor\s*\([^{]*\{/);
  if (unknown) throw new Error(`error-cap: a loop in Ajv's standalone code that is neither over the data nor bounded by the schema: ${unknown[0]}`);
  return capped;
}
