// Differential test of the format checks bundled into the validators (src/runtime/formats.ts)
// against ajv-formats' full mode: on strings shaped like dates and times (every field in and out of
// range, every separator and offset form), on mutations of them, and on arbitrary strings, ours
// accept nothing ajv-formats rejects; they are stricter exactly where RFC 3339 is (an offset is
// "Z" or +hh:mm, the date and time are split by "T", hours stop at 23), which the named cases pin.
// Their RFC conformance is measured by the official suite (test/conformance.test.ts).
import ajvUcs2lengthModule from "ajv/dist/runtime/ucs2length.js";
import { fullFormats } from "ajv-formats/dist/formats.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as own from "../src/runtime/formats.js";

type Check = (value: never) => boolean;
const reference = (name: string): Check => {
  const definition = (fullFormats as Record<string, unknown>)[name];
  return (typeof definition === "function" ? definition : (definition as { validate: Check }).validate) as Check;
};
const mine = (name: string): Check => {
  const value = (own as unknown as Record<string, unknown>)[own.FORMAT_EXPORTS[name]!];
  return (typeof value === "function" ? value : (value as { validate: Check }).validate) as Check;
};
const ajvUcs2length = ((ajvUcs2lengthModule as unknown as { default?: (s: string) => number }).default ?? ajvUcs2lengthModule) as (s: string) => number;

const pick = (values: readonly string[]) => fc.constantFrom(...values);
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));
const year = fc.oneof(digits(4), pick(["2024", "2000", "1900", "2100", "0000", "99999", "202"]));
const month = fc.oneof(digits(2), pick(["00", "01", "02", "12", "13", "1"]));
const day = fc.oneof(digits(2), pick(["00", "01", "28", "29", "30", "31", "32", "3"]));
const hour = fc.oneof(digits(2), pick(["00", "23", "24", "99", "7"]));
const minute = fc.oneof(digits(2), pick(["00", "59", "60", "5"]));
const second = fc.oneof(digits(2), pick(["00", "59", "60", "61", "5"]));
const fraction = pick(["", ".5", ".", ".123456789", ".9999999999999999999", ".0", "..5", ".5.5"]);
const offset = pick(["", "Z", "z", "+01:00", "-05:30", "+0530", "+01", "-23:59", "+24:00", "+00:60", "+1", "+01:", "+01:0", "+01:000", "Zz", "GMT", " Z", "-00:01", "+00:01"]);
const separator = pick(["T", "t", " ", "\n", "\u00a0", "\u2028", "\ufeff", "x", "Z", "", "TT", "T "]);
const dash = pick(["-", "-", "-", "/", ""]);
const colon = pick([":", ":", ":", ".", ""]);

// Around midnight UTC, where a second 60 may or may not be a leap second depending on the offset.
const leapTime = fc
  .tuple(pick(["23", "22", "00", "24"]), pick(["59", "58", "00"]), pick(["60", "61", "59", "60.5", "60.9999999999999999"]), pick(["Z", "+00:00", "-00:00", "+01:00", "-01:00", "+00:01", "-00:01", "+23:59", "-23:59", ""]))
  .map(([h, m, s, z]) => `${h}:${m}:${s}${z}`);
const dateText = fc.tuple(year, dash, month, dash, day).map((p) => p.join(""));
const timeText = fc.tuple(hour, colon, minute, colon, second, fraction, offset).map((p) => p.join(""));
const dateTimeText = fc.tuple(dateText, separator, fc.oneof(timeText, leapTime)).map((p) => p.join(""));
// Replace, insert or delete one character of a well-formed value.
const mutated = (base: fc.Arbitrary<string>) =>
  fc.tuple(base, fc.nat(), fc.string({ unit: "binary", maxLength: 2 }), fc.boolean()).map(([text, at, insert, remove]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    return text.slice(0, i) + insert + text.slice(remove ? i + 1 : i);
  });
const anyText = fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" }));

const RUNS = 20_000;

// Accepted by ajv-formats, refused by RFC 3339 (and so by ours).
const RFC_STRICTER: Readonly<Record<string, readonly string[]>> = {
  time: ["23:20:50+01", "10:00:00+0530", "24:59:60+01:00"],
  "date-time": ["1985-04-12T23:20:50+01", "2016-12-31T24:59:60+01:00", "2024-01-01 10:00:00.5+05:30", "2024-01-01T10:00:00+0530"],
};

describe("own format checks accept nothing ajv-formats (full mode) rejects", () => {
  for (const name of ["date", "time", "date-time", "iso-time", "iso-date-time"]) {
    it(name, () => {
      const ours = mine(name) as (value: string) => boolean;
      const theirs = reference(name) as (value: string) => boolean;
      const inputs = fc.oneof(dateText, timeText, leapTime, dateTimeText, mutated(dateText), mutated(timeText), mutated(dateTimeText), anyText);
      // ajv-formats reads the seconds as a float: from 15 nines on, 59.99...9 rounds to 60 and 60.99...9 to
      // 61 (parseFloat("60.999999999999999") === 61), and valid seconds are refused. Ours looks at the digits.
      const floatRounding = /:\d\d\.9{15,}/;
      fc.assert(
        fc.property(inputs, (text) => !ours(text) || theirs(text) || floatRounding.test(text)),
        { numRuns: RUNS },
      );
      // Cases by name, for the record: both accept these and reject those.
      for (const text of ["2024-02-29", "2023-02-29", "23:59:60Z", "23:59:60+01:00", "00:59:60+01:00", "2024-02-29T23:59:60Z", "2024-01-01T10:00:00"]) {
        expect(ours(text), text).toBe(theirs(text));
      }
      for (const text of RFC_STRICTER[name] ?? []) {
        expect(theirs(text), text).toBe(true);
        expect(ours(text), text).toBe(false);
      }
    });
  }

  for (const name of ["int32", "int64", "float", "double"]) {
    it(name, () => {
      const ours = mine(name) as (value: number) => boolean;
      const theirs = reference(name) as (value: number) => boolean;
      const edges = fc.constantFrom(2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 0.5, -0, Number.MAX_VALUE, Number.EPSILON);
      fc.assert(
        fc.property(fc.oneof(fc.double(), fc.integer(), fc.maxSafeInteger(), edges), (n) => ours(n) === theirs(n)),
        { numRuns: RUNS },
      );
    });
  }

  it("the code-point count agrees with Ajv's, lone surrogates included", () => {
    const units = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0xd800, max: 0xdfff })), { maxLength: 12 }).map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(fc.oneof(units, anyText), (text) => own.ucs2length(text) === ajvUcs2length(text)),
      { numRuns: RUNS },
    );
  });

  it("covers every function-valued format of ajv-formats except the ones it leaves to ajv-formats", () => {
    const functionFormats = Object.entries(fullFormats)
      .filter(([, definition]) => typeof definition === "function" || (typeof definition === "object" && !(definition instanceof RegExp)))
      .map(([name]) => name);
    const leftToAjvFormats = functionFormats.filter((name) => !(name in own.FORMAT_EXPORTS));
    expect(leftToAjvFormats.sort()).toEqual(["byte"]);
  });
});
