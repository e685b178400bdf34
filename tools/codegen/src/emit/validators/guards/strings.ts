// strings: minLength/maxLength (in code points, as Ajv counts), `pattern` (a `u` RegExp, as Ajv
// builds it) and `format` (the same format functions Ajv's code calls; also used for number formats).
import type { FormatDefinition } from "ajv";
import type { JsonObject } from "../../../model/schema-walk.js";
import { type Expr, and, binary, call, chain, literal, member, name, paren, property, regExp } from "./code.js";
import { type GuardContext, GuardUnsupported } from "./context.js";

export const STRING_KEYWORDS = ["pattern", "minLength", "maxLength"];
/** `format` applies to strings or numbers, as its definition says. */
export const FORMAT_KEYWORDS = ["format"];

export function stringChecks(node: JsonObject, v: string, context: GuardContext): Expr | undefined {
  const parts: Expr[] = [];
  const value = name(v);
  const length = member(value, "length");
  const codePoints = call(context.ucs2length, value);
  // A string of n code units has between n/2 and n code points: count only when that decides.
  if (typeof node.minLength === "number") {
    const min = literal(node.minLength);
    parts.push(paren(chain("||", [binary(length, ">=", literal(2 * node.minLength)), paren(chain("&&", [binary(length, ">=", min), binary(codePoints, ">=", min)]))])));
  }
  if (typeof node.maxLength === "number") {
    const max = literal(node.maxLength);
    parts.push(paren(chain("||", [binary(length, "<=", max), binary(codePoints, "<=", max)])));
  }
  if (typeof node.pattern === "string") parts.push(call(member(context.constant("pattern", regExp(node.pattern, "u")), "test"), value));
  const format = formatCheck(node, v, "string", context);
  if (format) parts.push(format);
  return parts.length ? and(parts) : undefined;
}

/** The node's `format` check for values of `group`; nothing when the format applies to the other
 *  group or accepts everything (`true`). */
export function formatCheck(node: JsonObject, v: string, group: "string" | "number", context: GuardContext): Expr | undefined {
  if (typeof node.format !== "string") return undefined;
  const definition = context.formats[node.format];
  if (definition === undefined) throw new GuardUnsupported(`unknown format "${node.format}"`);
  if (definition === true) return undefined;
  const object = typeof definition === "object" && !(definition instanceof RegExp) ? (definition as FormatDefinition<string | number>) : undefined;
  if (object?.async) throw new GuardUnsupported(`async format "${node.format}"`);
  const type = object?.type ?? "string";
  if (type !== group) return undefined;
  const validate = object ? object.validate : definition;
  // A global or sticky pattern keeps state between calls: a second copy of it could disagree.
  if (validate instanceof RegExp && /[gy]/.test(validate.flags)) throw new GuardUnsupported(`stateful pattern of format "${node.format}"`);
  if (validate instanceof RegExp) return call(member(context.constant("format", regExp(validate.source, validate.flags)), "test"), name(v));
  // Called the way Ajv calls it: as a method of the definition object, or as a plain function.
  const lookup = context.constant("format", property(context.formatTable, node.format));
  return call(object ? member(lookup, "validate") : lookup, name(v));
}
