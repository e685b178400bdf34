// What the validators judge: exactly what JSON.stringify would send for a value, as a plain copy
// taken in one pass. Own enumerable string-keyed properties only (nothing inherited from a
// prototype), each read exactly once (a getter that answers differently per read cannot make
// `isX` and `validateX` disagree, nor pass the check and then send something else), toJSON
// honoured (a Date is judged as its ISO string), boxed primitives unwrapped, non-finite numbers as
// null, undefined, functions and symbols left out of objects and null in arrays. What
// JSON.stringify refuses (a BigInt, a cycle) is refused here too, by throwing: the validators turn
// that into an "unreadable" issue, never an exception of theirs. So is a payload nested deeper
// than MAX_DEPTH (which is how a cycle shows, without the cost of remembering every object) or
// holding more than MAX_VALUES values: copying, or sending, an array of length 2^32-1 (a few bytes
// of JavaScript) would take the process down.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The most array elements and object properties, together, a judged payload may hold. */
export const MAX_VALUES = 2 ** 24;
/** The deepest nesting of objects and arrays a judged payload may have. */
export const MAX_DEPTH = 1000;

/** Where a copy is: how deep, and how many more values it may take. */
export interface Walk {
  depth: number;
  /** How many more elements and properties may be copied. */
  left: number;
}

/** A generated copier of one object schema (generated/json-views.ts): the JSON view of a plain
 *  object (Object.prototype or null as prototype, no toJSON) that the schema describes. It stores
 *  the schema's properties by name, so every copy of the same shape gets the same fast object
 *  layout (the guard then reads it as fast as JSON.parse's output); any other key goes through
 *  `copyRest`. */
export type Copier = (value: Record<string, unknown>, walk: Walk) => Json;

const OBJECT_PROTOTYPE = Object.prototype;
const ARRAY_PROTOTYPE = Array.prototype;

/** Counts an object or array of `values` entries going one level deeper. */
export function enter(walk: Walk, values: number): void {
  if (++walk.depth > MAX_DEPTH) throw new TypeError(`the payload is nested deeper than ${MAX_DEPTH} levels, or refers to itself (JSON.stringify refuses a cycle)`);
  if ((walk.left -= values) < 0) throw new TypeError(`the payload holds more than ${MAX_VALUES} values (array elements and properties)`);
}

/** Copies the properties `names[from..]` of `value` into `fields` and leaves the object (the
 *  caller has entered it): the whole copy of an object no copier knows, and the rest of one after
 *  the first key its copier does not know. */
export function copyRest(value: Record<string, unknown>, names: readonly string[], from: number, fields: { [key: string]: Json }, walk: Walk): Json {
  for (let i = from; i < names.length; i++) {
    const name = names[i]!;
    const read = value[name];
    const field = isLeaf(read) ? read : view(read, name, walk);
    if (field === undefined) continue;
    // An own "__proto__" (JSON.parse makes one) is data: assigning it would set the copy's prototype.
    if (name === "__proto__") Object.defineProperty(fields, name, { value: field, enumerable: true, writable: true, configurable: true });
    else fields[name] = field;
  }
  walk.depth--;
  return fields;
}

function copyArray(value: readonly unknown[], walk: Walk, element: Copier | undefined): Json {
  const length = value.length;
  enter(walk, length);
  const items = new Array<Json>(length);
  for (let i = 0; i < length; i++) {
    const read = value[i];
    items[i] = isLeaf(read) ? read : (field(read, i, walk, element) ?? null);
  }
  walk.depth--;
  return items;
}

/** A value JSON sends as it is: a string, a boolean, null, a finite number. Most of a payload's
 *  values are, so the copy takes them without a call (this test is small enough for the engine to
 *  inline at every property of a copier). */
export function isLeaf(value: unknown): value is string | boolean | number | null {
  return typeof value === "string" || value === null || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
}

/** The JSON view of one value read from a payload that is not a leaf (`key` is its property name
 *  or index), where the schema says what an object there (`object`) or an array's elements
 *  (`element`) look like. */
export function field(read: unknown, key: string | number, walk: Walk, object?: Copier, element?: Copier): Json | undefined {
  if (typeof read !== "object" || read === null) return view(read, key, walk);
  // Read once each, in JSON.stringify's order, and handed on: a Proxy's trap or a toJSON getter
  // runs once per value, whichever path copies it.
  const proto: unknown = Object.getPrototypeOf(read);
  const toJSON: unknown = (read as { toJSON?: unknown }).toJSON;
  if (toJSON === undefined) {
    if (proto === OBJECT_PROTOTYPE || proto === null) return object === undefined ? copyObject(read as Record<string, unknown>, walk) : object(read as Record<string, unknown>, walk);
    if (proto === ARRAY_PROTOTYPE) return copyArray(read as unknown[], walk, element);
  }
  return viewObject(read, key, walk, toJSON);
}

function copyObject(value: Record<string, unknown>, walk: Walk): Json {
  const names = Object.keys(value);
  enter(walk, names.length);
  return copyRest(value, names, 0, {}, walk);
}

/** An object that is not plain data: `toJSON` is what JSON.stringify read of it. */
function viewObject(value: object, key: string | number, walk: Walk, toJSON: unknown): Json | undefined {
  if (typeof toJSON === "function") return view(toJSON.call(value, String(key)) as unknown, key, walk, true);
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return view(value.valueOf(), key, walk);
  // Class instances, arrays of other realms: JSON.stringify sends their own enumerable properties.
  return Array.isArray(value) ? copyArray(value, walk, undefined) : copyObject(value as Record<string, unknown>, walk);
}

/** `value` as JSON would send it; `replaced` when it is already what a toJSON returned (JSON.stringify
 *  calls toJSON once per value, not again on its result). */
function view(value: unknown, key: string | number, walk: Walk, replaced = false): Json | undefined {
  if (typeof value === "object" && value !== null) {
    if (!replaced) return field(value, key, walk);
    // Plain objects and arrays (all of JSON.parse's output) go straight to the copy.
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === OBJECT_PROTOTYPE || proto === null) return copyObject(value as Record<string, unknown>, walk);
    if (proto === ARRAY_PROTOTYPE) return copyArray(value as unknown[], walk, undefined);
    return viewObject(value, key, walk, undefined);
  }
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "object":
      return null; // the one object left: null
    case "bigint":
      throw new TypeError("a BigInt has no JSON form (JSON.stringify refuses it)");
    default:
      return undefined; // undefined, functions, symbols: not sent
  }
}

/** The value JSON.stringify(value) would send, as a fresh plain copy (undefined when it sends
 *  nothing), taken by the model's generated copier where it has one. Throws a TypeError where
 *  JSON.stringify throws. */
export function jsonView(value: unknown, copier?: Copier): unknown {
  return isLeaf(value) ? value : field(value, "", { depth: 0, left: MAX_VALUES }, copier);
}

/** Set to true in a validator's options by this package's own CLI, whose payloads come straight
 *  from JSON.parse (plain data already, nothing to copy): the validators then skip the copy. A
 *  registered symbol, so the CLI's bundle and the library agree on it; not part of the public API. */
export const PARSED_JSON: unique symbol = Symbol.for("@org/payment-validators/parsed-json") as never;
