// The format checks (and the code-point count) the generated validators call, bundled into them by
// emit/validators.ts and compiled into Ajv by emit/validators/format-table.ts, so Ajv's code and the guards
// call the same functions. Each follows its RFC, not ajv-formats' leniency: the official JSON Schema
// Test Suite's optional/format files are their test (test/conformance.test.ts), and
// tools/codegen/test/formats.test.ts compares them with ajv-formats where the two should agree.
// A format that is exactly a regular expression is exported as one: Ajv and the guards inline it.

// Parsed by character codes rather than regular expressions with captures: these run for every
// date in every payload, and a capture array plus a `split` cost more than the whole check.
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WHITESPACE = /\s/;

/** The digit at `index` (0-9), or -1 (also past the end). */
function digit(text: string, index: number): number {
  const value = text.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : -1;
}

/** Two digits at `index` as a number, or -1. */
function twoDigits(text: string, index: number): number {
  const tens = digit(text, index);
  const ones = digit(text, index + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** YYYY-MM-DD naming a day that exists, at text[start, start + 10). */
function dateAt(text: string, start: number): boolean {
  if (text.charCodeAt(start + 4) !== 45 || text.charCodeAt(start + 7) !== 45) return false;
  const century = twoDigits(text, start);
  const yearOfCentury = twoDigits(text, start + 2);
  const month = twoDigits(text, start + 5);
  const day = twoDigits(text, start + 8);
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(century * 100 + yearOfCentury) ? 29 : DAYS_IN_MONTH[month]!);
}

/** RFC 3339 full-date: YYYY-MM-DD naming a day that exists. */
export function date(text: string): boolean {
  return text.length === 10 && dateAt(text, 0);
}

/** HH:MM:SS[.frac] and an offset at text[start, end): with `rfc` (RFC 3339 full-time) the offset
 *  is required and is "Z" or (+|-)HH:MM; otherwise (ISO 8601, ajv-formats' iso-time) it is optional
 *  and may be (+|-)HH[[:]MM]. Hours, minutes and seconds in range, or second 60 at 23:59 UTC. */
function timeAt(text: string, start: number, rfc: boolean): boolean {
  const end = text.length;
  if (end - start < 8 || text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return false;
  const hour = twoDigits(text, start);
  const minute = twoDigits(text, start + 3);
  const second = twoDigits(text, start + 6);
  if (hour < 0 || minute < 0 || second < 0) return false;
  let i = start + 8;
  if (text.charCodeAt(i) === 46) {
    const fraction = ++i;
    while (digit(text, i) >= 0) i++;
    if (i === fraction) return false;
  }
  let offsetHours = 0;
  let offsetMinutes = 0;
  let direction = 1;
  if (i === end) {
    if (rfc) return false;
  } else {
    const sign = text.charCodeAt(i);
    if (sign === 90 || sign === 122) {
      if (i + 1 !== end) return false;
    } else if (sign === 43 || sign === 45) {
      direction = sign === 45 ? -1 : 1;
      offsetHours = twoDigits(text, i + 1);
      if (offsetHours < 0) return false;
      i += 3;
      if (rfc && (text.charCodeAt(i) !== 58 || i + 3 !== end)) return false;
      if (i !== end) {
        if (text.charCodeAt(i) === 58) i++;
        offsetMinutes = twoDigits(text, i);
        if (offsetMinutes < 0 || i + 2 !== end) return false;
      }
    } else return false;
  }
  if (offsetHours > 23 || offsetMinutes > 59 || hour > 23 || minute > 59) return false;
  if (second < 60) return true;
  // A leap second (second 60) is only valid at 23:59 UTC.
  const utcMinute = minute - offsetMinutes * direction;
  const utcHour = hour - offsetHours * direction - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second === 60;
}

/** The date and the time are split at index 10 by "T" or "t" (RFC 3339 5.6), or in ISO mode
 *  also by a whitespace character. */
function dateTimeAt(text: string, rfc: boolean): boolean {
  const separator = text.charCodeAt(10);
  // biome-ignore lint/suspicious/noSelfCompare: NaN (no character at 10) is the one value unequal to itself; this source is bundled as is
  if (separator !== 84 && separator !== 116 && (rfc || !(separator === separator && WHITESPACE.test(text[10]!)))) return false;
  return dateAt(text, 0) && timeAt(text, 11, rfc);
}

/** RFC 3339 full-time (offset required). */
export const time = (text: string): boolean => timeAt(text, 0, true);
/** RFC 3339 date-time (offset required). */
export const dateTime = (text: string): boolean => dateTimeAt(text, true);
/** ISO 8601 time, offset optional. */
export const isoTime = (text: string): boolean => timeAt(text, 0, false);
/** ISO 8601 date-time, offset optional. */
export const isoDateTime = (text: string): boolean => dateTimeAt(text, false);

/** RFC 3339 Appendix A duration: each unit at most once, in order, with no gaps between hours,
 *  minutes and seconds (PT1H2S is not one), weeks alone, no fractions, ASCII digits only. */
export const duration = /^P(?:(?:\d+D|\d+M(?:\d+D)?|\d+Y(?:\d+M(?:\d+D)?)?)(?:T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S))?|T(?:\d+H(?:\d+M(?:\d+S)?)?|\d+M(?:\d+S)?|\d+S)|\d+W)$/;

/** RFC 9562 UUID in its hex-and-dash form, any case; no `urn:uuid:` prefix (that is a URN). */
export const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** RFC 6901 JSON Pointer: "" or "/"-prefixed tokens where "~" is only "~0" or "~1". */
export const jsonPointer = /^(?:\/(?:[^~/]|~[01])*)*$/;

/** draft-bhutton-relative-json-pointer-00: a non-negative integer without leading zeros, then "#"
 *  or a JSON Pointer. */
export const relativeJsonPointer = /^(?:0|[1-9]\d*)(?:#|(?:\/(?:[^~/]|~[01])*)*)$/;

/** RFC 2673 dotted-quad IPv4: four decimal octets 0-255 without leading zeros. */
export const ipv4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 102);
}

/** RFC 4291 2.2 IPv6 text form: eight groups of 1-4 hex digits, or fewer around one "::", the last
 *  two groups optionally a dotted-quad IPv4; no zone, no prefix length, no brackets. */
export function ipv6(text: string): boolean {
  const end = text.length;
  let groups = 0;
  let compressed = false;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    compressed = true;
    i = 2;
  }
  while (i < end) {
    let j = i;
    while (j < end && j - i < 5 && isHex(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) === 46) {
      if (!ipv4.test(text.slice(i))) return false;
      groups += 2;
      break;
    }
    if (j === i || j - i > 4) return false;
    groups++;
    if (j === end) break;
    if (text.charCodeAt(j) !== 58) return false;
    i = j + 1;
    if (text.charCodeAt(i) === 58) {
      if (compressed) return false;
      compressed = true;
      i++;
    } else if (i === end) return false;
  }
  return compressed ? groups <= 7 : groups === 8;
}

// Character classes of RFC 3986, for the ASCII range: a bit per class.
const UNRESERVED = 1; // ALPHA DIGIT - . _ ~
const SUB_DELIM = 2; // ! $ & ' ( ) * + , ; =
const COLON_AT = 4; // : @
const SLASH_QUESTION = 8; // / ?
// Built by a call marked pure, so a bundle whose schemas use no URI format drops the table.
const CHAR_CLASS = /* @__PURE__ */ charClasses();
function charClasses(): Uint8Array {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9\-._~]/.test(ch)) table[c] = UNRESERVED;
    else if ("!$&'()*+,;=".includes(ch)) table[c] = SUB_DELIM;
    else if (ch === ":" || ch === "@") table[c] = COLON_AT;
    else if (ch === "/" || ch === "?") table[c] = SLASH_QUESTION;
  }
  return table;
}
const PCHAR = UNRESERVED | SUB_DELIM | COLON_AT;
const QUERY = PCHAR | SLASH_QUESTION;

/** Whether text[start, end) is made only of characters in `classes` and %-encoded octets. */
function uriChars(text: string, start: number, end: number, classes: number, extra = -1): boolean {
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 37) {
      if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2)) || i + 2 >= end) return false;
      i += 2;
    } else if (code >= 128 || (code !== extra && (CHAR_CLASS[code]! & classes) === 0)) return false;
  }
  return true;
}

/** ALPHA / DIGIT / "+" / "-" / "." */
function isSchemeChar(code: number): boolean {
  return ((code | 32) >= 97 && (code | 32) <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46;
}

const IP_FUTURE = /^v[\da-f]+\.[\w\-.~!$&'()*+,;=:]+$/i;

/** RFC 3986 3.2 authority at text[start, end): [userinfo "@"] host [":" port]. */
function authority(text: string, start: number, end: number): boolean {
  const at = text.indexOf("@", start);
  if (at >= 0 && at < end) {
    if (!uriChars(text, start, at, UNRESERVED | SUB_DELIM, 58)) return false;
    start = at + 1;
  }
  let hostEnd: number;
  if (text.charCodeAt(start) === 91) {
    const close = text.indexOf("]", start);
    if (close < 0 || close >= end) return false;
    const literal = text.slice(start + 1, close);
    // IP-literal: an IPv6 address or IPvFuture ("v" 1*HEXDIG "." 1*(unreserved / sub-delims / ":")).
    if (!ipv6(literal) && !IP_FUTURE.test(literal)) return false;
    hostEnd = close + 1;
  } else {
    hostEnd = start;
    while (hostEnd < end && text.charCodeAt(hostEnd) !== 58) hostEnd++;
    // reg-name (an IPv4 address is one too).
    if (!uriChars(text, start, hostEnd, UNRESERVED | SUB_DELIM)) return false;
  }
  if (hostEnd === end) return true;
  if (text.charCodeAt(hostEnd) !== 58) return false;
  for (let i = hostEnd + 1; i < end; i++) if (digit(text, i) < 0) return false;
  return true;
}

/** RFC 3986 URI (`relative` false) or URI-reference (`relative` true). */
function uriReference(text: string, relative: boolean): boolean {
  let end = text.length;
  const hash = text.indexOf("#");
  if (hash >= 0) {
    if (!uriChars(text, hash + 1, end, QUERY)) return false;
    end = hash;
  }
  const question = text.indexOf("?");
  if (question >= 0 && question < end) {
    if (!uriChars(text, question + 1, end, QUERY)) return false;
    end = question;
  }
  // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), ended by ":".
  let i = 0;
  const first = text.charCodeAt(0) | 32;
  if (first >= 97 && first <= 122) {
    i = 1;
    while (i < end && isSchemeChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 58 && i < end) i++;
    else i = 0;
  }
  const hasScheme = i > 0;
  if (!hasScheme && !relative) return false;
  if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 47 && i + 1 < end) {
    let pathStart = i + 2;
    while (pathStart < end && text.charCodeAt(pathStart) !== 47) pathStart++;
    return authority(text, i + 2, pathStart) && uriChars(text, pathStart, end, PCHAR, 47);
  }
  if (!hasScheme) {
    // path-noscheme: the first segment of a relative path has no ":".
    const colon = text.indexOf(":");
    const slash = text.indexOf("/");
    if (colon >= 0 && colon < end && (slash < 0 || colon < slash)) return false;
  }
  return uriChars(text, i, end, PCHAR, 47);
}

/** RFC 3986 URI: a scheme, then the hierarchical part, query and fragment. */
export const uri = (text: string): boolean => uriReference(text, false);
/** RFC 3986 URI-reference: a URI or a relative reference. */
export const uriReferenceFormat = (text: string): boolean => uriReference(text, true);

/** RFC 6570 URI Template (level 4): literals (with RFC 6570 erratum 6937's apostrophe) and
 *  expressions "{" [operator] varspec *("," varspec) "}". */
export function uriTemplate(text: string): boolean {
  const end = text.length;
  let i = 0;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === 123) {
      const close = text.indexOf("}", i);
      if (close < 0 || !uriTemplateExpression(text.slice(i + 1, close))) return false;
      i = close + 1;
    } else if (code === 37) {
      if (!isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) return false;
      i += 3;
    } else {
      // Not CTL, SP, DQUOTE, "%", "<", ">", "\", "^", "`", "{", "|", "}"; any other Unicode is allowed.
      if (code <= 0x20 || code === 0x7f || code === 34 || code === 60 || code === 62 || code === 92 || code === 94 || code === 96 || code === 124 || code === 125) return false;
      i++;
    }
  }
  return true;
}

const VARSPEC = /^(?:[\w]|%[\da-fA-F]{2})(?:\.?(?:[\w]|%[\da-fA-F]{2}))*(?:\*|:[1-9]\d{0,3})?$/;

function uriTemplateExpression(body: string): boolean {
  const list = /^[+#./;?&]/.test(body) ? body.slice(1) : body;
  return list.split(",").every((spec) => VARSPEC.test(spec));
}

/** RFC 1123 2.1 host name, at most 253 characters: labels of 1-63 letters, digits and hyphens, not
 *  starting or ending with a hyphen. A label with "--" at positions 3-4 is reserved (RFC 5891
 *  4.2.3.1) unless it is an IDNA A-label ("xn--"), which must decode to a valid U-label. */
export function hostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(".", start);
    if (end < 0) end = text.length;
    if (!hostnameLabel(text, start, end)) return false;
    start = end + 1;
  }
  return true;
}

function hostnameLabel(text: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0 || length > 63 || text.charCodeAt(start) === 45 || text.charCodeAt(end - 1) === 45) return false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (!(code === 45 || (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122))) return false;
  }
  if (length >= 4 && text.charCodeAt(start + 2) === 45 && text.charCodeAt(start + 3) === 45) {
    return text.slice(start, start + 2).toLowerCase() === "xn" && aLabel(text.slice(start + 4, end).toLowerCase());
  }
  return true;
}

/** RFC 3492 Punycode decoding of the part of an A-label after "xn--"; undefined when malformed. */
function punycodeDecode(input: string): number[] | undefined {
  const BASE = 36,
    TMIN = 1,
    TMAX = 26,
    SKEW = 38,
    DAMP = 700;
  const delimiter = input.lastIndexOf("-");
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) output.push(input.charCodeAt(j));
  let n = 128,
    i = 0,
    bias = 72;
  for (let p = delimiter > 0 ? delimiter + 1 : 0; p < input.length; ) {
    const oldi = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      if (p >= input.length) return undefined;
      const c = input.charCodeAt(p++);
      const value = c >= 48 && c <= 57 ? c - 22 : c >= 97 && c <= 122 ? c - 97 : BASE;
      if (value >= BASE) return undefined;
      i += value * w;
      const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
      if (value < t) break;
      w *= BASE - t;
      if (i > 0x10ffff * 64) return undefined;
    }
    const length = output.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / DAMP) : (i - oldi) >> 1;
    delta += Math.floor(delta / length);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) {
      delta = Math.floor(delta / (BASE - TMIN));
      k += BASE;
    }
    bias = k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return undefined;
    output.splice(i++, 0, n);
  }
  return output;
}

// RFC 5892 2.6 exceptions, by code point (built by a call marked pure, like CHAR_CLASS).
const IDNA_EXCEPTIONS: ReadonlyMap<number, "PVALID" | "CONTEXTO" | "DISALLOWED"> = /* @__PURE__ */ idnaExceptions();
function idnaExceptions(): ReadonlyMap<number, "PVALID" | "CONTEXTO" | "DISALLOWED"> {
  return new Map([
    ...[0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007].map((c) => [c, "PVALID"] as const),
    ...[0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb, ...range(0x660, 0x669), ...range(0x6f0, 0x6f9)].map((c) => [c, "CONTEXTO"] as const),
    ...[0x640, 0x7fa, 0x302e, 0x302f, ...range(0x3031, 0x3035), 0x303b].map((c) => [c, "DISALLOWED"] as const),
  ]);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const LETTER_DIGIT = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u;
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{White_Space}\p{Noncharacter_Code_Point}\p{Cn}]$/u;
const COMBINING_MARK = /^\p{M}$/u;
// Code points whose canonical combining class is 9 (Virama), for the ZERO WIDTH (NON-)JOINER rules.
const VIRAMA = new Set([
  0x94d, 0x9cd, 0xa4d, 0xacd, 0xb4d, 0xbcd, 0xc4d, 0xccd, 0xd3b, 0xd3c, 0xd4d, 0xdca, 0xe3a, 0xeba, 0xf84, 0x1039, 0x103a, 0x1714, 0x1715, 0x1734, 0x17d2, 0x1a60, 0x1b44, 0x1baa, 0x1bab, 0x1bf2, 0x1bf3, 0x2d7f, 0xa806,
  0xa82c, 0xa8c4, 0xa953, 0xa9c0, 0xaaf6, 0xabed, 0x10a3f, 0x11046, 0x11070, 0x1107f, 0x110b9, 0x11133, 0x11134, 0x111c0, 0x11235, 0x112ea, 0x1134d, 0x11442, 0x114c2, 0x115bf, 0x1163f, 0x116b6, 0x1172b, 0x11839, 0x1193d,
  0x1193e, 0x119e0, 0x11a34, 0x11a47, 0x11a99, 0x11c3f, 0x11d44, 0x11d45, 0x11d97,
]);
// Scripts whose letters join (Unicode Joining_Type D, L or R): the ZERO WIDTH NON-JOINER's
// context rule (RFC 5892 A.1) asks for a joining letter on both sides of it.
const JOINING =
  /^[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mongolian}\p{Script=Mandaic}\p{Script=Manichaean}\p{Script=Psalter_Pahlavi}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Sogdian}\p{Script=Phags_Pa}]$/u;
const TRANSPARENT = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** IDNA2008 (RFC 5891 5.4, RFC 5892) validity of the label whose Punycode is `encoded`. */
function aLabel(encoded: string): boolean {
  const points = punycodeDecode(encoded);
  // An A-label stands for a label with something beyond ASCII in it.
  if (!points || points.every((point) => point < 128)) return false;
  const label = String.fromCodePoint(...points);
  if (label.normalize("NFC") !== label) return false;
  // U-label rules: no "--" at 3-4, no hyphen at either end, no combining mark first.
  if (points[2] === 45 && points[3] === 45) return false;
  if (points[0] === 45 || points[points.length - 1] === 45) return false;
  if (COMBINING_MARK.test(String.fromCodePoint(points[0]!))) return false;
  const chars = points.map((p) => String.fromCodePoint(p));
  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const char = chars[i]!;
    const exception = IDNA_EXCEPTIONS.get(point);
    if (exception === "DISALLOWED") return false;
    if (exception === "CONTEXTO") {
      if (!contextO(points, chars, i)) return false;
      continue;
    }
    if (point === 0x200c || point === 0x200d) {
      if (!contextJ(points, chars, i)) return false;
      continue;
    }
    if (exception === "PVALID" || (point >= 97 && point <= 122) || (point >= 48 && point <= 57) || point === 45) continue;
    if (point < 128) return false;
    if (IGNORABLE.test(char)) return false;
    if ((point >= 0x1100 && point <= 0x11ff) || (point >= 0xa960 && point <= 0xa97f) || (point >= 0xd7b0 && point <= 0xd7ff)) return false; // old Hangul Jamo
    if ((point >= 0x20d0 && point <= 0x20ff) || (point >= 0x1d100 && point <= 0x1d24f)) return false; // ignorable blocks
    if (char.normalize("NFKC").toLowerCase().normalize("NFKC") !== char) return false; // unstable
    if (!LETTER_DIGIT.test(char)) return false;
  }
  return true;
}

/** RFC 5892 Appendix A, CONTEXTO rules. */
function contextO(points: readonly number[], chars: readonly string[], i: number): boolean {
  const point = points[i]!;
  if (point === 0xb7) return points[i - 1] === 0x6c && points[i + 1] === 0x6c;
  if (point === 0x375) return i + 1 < points.length && /^\p{Script=Greek}$/u.test(chars[i + 1]!);
  if (point === 0x5f3 || point === 0x5f4) return i > 0 && /^\p{Script=Hebrew}$/u.test(chars[i - 1]!);
  if (point === 0x30fb) return chars.some((c, j) => j !== i && /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u.test(c) && c !== "\u30fb");
  if (point >= 0x660 && point <= 0x669) return !points.some((p) => p >= 0x6f0 && p <= 0x6f9);
  if (point >= 0x6f0 && point <= 0x6f9) return !points.some((p) => p >= 0x660 && p <= 0x669);
  return false;
}

/** RFC 5892 Appendix A, CONTEXTJ rules (ZERO WIDTH NON-JOINER and JOINER). */
function contextJ(points: readonly number[], chars: readonly string[], i: number): boolean {
  if (i > 0 && VIRAMA.has(points[i - 1]!)) return true;
  if (points[i] === 0x200d) return false;
  let before = i - 1;
  while (before >= 0 && TRANSPARENT.test(chars[before]!)) before--;
  let after = i + 1;
  while (after < chars.length && TRANSPARENT.test(chars[after]!)) after++;
  return before >= 0 && after < chars.length && JOINING.test(chars[before]!) && JOINING.test(chars[after]!);
}

/** RFC 5321 4.1.2 Mailbox: a dot-string or quoted-string local part (at most 64 octets), "@", and
 *  a host name or an address literal ([IPv4] or [IPv6:...]). */
export function email(text: string): boolean {
  const at = text.lastIndexOf("@");
  if (at <= 0 || at > 64) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  const localValid = local.charCodeAt(0) === 34 ? QUOTED_LOCAL.test(local) : DOT_STRING.test(local);
  if (!localValid) return false;
  if (domain.charCodeAt(0) === 91 && domain.charCodeAt(domain.length - 1) === 93) {
    const literal = domain.slice(1, -1);
    return literal.startsWith("IPv6:") ? ipv6(literal.slice(5)) : ipv4.test(literal);
  }
  return hostname(domain);
}
const DOT_STRING = /^[\w!#$%&'*+\-/=?^`{|}~]+(?:\.[\w!#$%&'*+\-/=?^`{|}~]+)*$/;
const QUOTED_LOCAL = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\[\x20-\x7e])*"$/;

/** ECMA-262 regular expression, as JSON Schema's `pattern` reads it (the `u` flag). */
export function regex(text: string): boolean {
  try {
    new RegExp(text, "u");
    return true;
  } catch {
    return false;
  }
}

export interface NumberFormat {
  readonly type: "number";
  readonly validate: (value: number) => boolean;
}

/** Signed 32-bit integer. */
export const int32: NumberFormat = { type: "number", validate: (value) => Number.isInteger(value) && value <= 2 ** 31 - 1 && value >= -(2 ** 31) };
/** Signed 64-bit integer: every integer a JS number holds exactly or not is within range. */
export const int64: NumberFormat = { type: "number", validate: (value) => Number.isInteger(value) };
/** OpenAPI's float and double: any number. */
export const float: NumberFormat = { type: "number", validate: () => true };
export const double: NumberFormat = { type: "number", validate: () => true };

/** Format name -> export name, for the formats this module provides. */
export const FORMAT_EXPORTS: Readonly<Record<string, string>> = {
  date: "date",
  time: "time",
  "date-time": "dateTime",
  "iso-time": "isoTime",
  "iso-date-time": "isoDateTime",
  duration: "duration",
  uuid: "uuid",
  hostname: "hostname",
  email: "email",
  uri: "uri",
  "uri-reference": "uriReferenceFormat",
  "uri-template": "uriTemplate",
  ipv4: "ipv4",
  ipv6: "ipv6",
  "json-pointer": "jsonPointer",
  "relative-json-pointer": "relativeJsonPointer",
  regex: "regex",
  int32: "int32",
  int64: "int64",
  float: "float",
  double: "double",
};

/** A string's length in code points (a surrogate pair counts once), as JSON Schema's minLength and
 *  maxLength count it: the same count as Ajv's runtime helper, without its CommonJS wrapper. */
export function ucs2length(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    count++;
  }
  return count;
}
