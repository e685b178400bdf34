// The format checks (and the code-point count) the generated validators call, bundled into them by
// emit/validators.ts. Each gives exactly the answers of ajv-formats' "full" mode (the differential
// test tools/codegen/test/formats.test.ts compares them on generated inputs), but as separate ESM
// exports: a bundle carries only the formats its schemas use, not ajv-formats' whole table.

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

/** HH:MM:SS[.frac][Z | (+|-)HH[[:]MM]] at text[start, end): the offset must be there when
 *  `offsetRequired`; hours, minutes and seconds in range, or second 60 at 23:59 UTC. */
function timeAt(text: string, start: number, offsetRequired: boolean): boolean {
  const end = text.length;
  if (end - start < 8 || text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 5) !== 58) return false;
  const hour = twoDigits(text, start);
  const minute = twoDigits(text, start + 3);
  let second = twoDigits(text, start + 6);
  if (hour < 0 || minute < 0 || second < 0) return false;
  let i = start + 8;
  if (text.charCodeAt(i) === 46) {
    const fraction = ++i;
    while (digit(text, i) >= 0) i++;
    if (i === fraction) return false;
    second = Number(text.slice(start + 6, i));
  }
  let offsetHours = 0;
  let offsetMinutes = 0;
  let direction = 1;
  if (i === end) {
    if (offsetRequired) return false;
  } else {
    const sign = text.charCodeAt(i);
    if (sign === 90 || sign === 122) {
      if (i + 1 !== end) return false;
    } else if (sign === 43 || sign === 45) {
      direction = sign === 45 ? -1 : 1;
      offsetHours = twoDigits(text, i + 1);
      if (offsetHours < 0) return false;
      i += 3;
      if (i !== end) {
        if (text.charCodeAt(i) === 58) i++;
        offsetMinutes = twoDigits(text, i);
        if (offsetMinutes < 0 || i + 2 !== end) return false;
      }
    } else return false;
  }
  if (offsetHours > 23 || offsetMinutes > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  // A leap second (second 60) is only valid at 23:59 UTC.
  const utcMinute = minute - offsetMinutes * direction;
  const utcHour = hour - offsetHours * direction - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

/** The date and the time are split at the only "T", "t" or whitespace character; a date has none,
 *  so it must be at index 10, and a time has none either. */
function dateTimeAt(text: string, offsetRequired: boolean): boolean {
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && !(separator === separator && WHITESPACE.test(text[10]!))) return false;
  return dateAt(text, 0) && timeAt(text, 11, offsetRequired);
}

/** RFC 3339 full-time (offset required). */
export const time = (text: string): boolean => timeAt(text, 0, true);
/** RFC 3339 date-time (offset required). */
export const dateTime = (text: string): boolean => dateTimeAt(text, true);
/** ISO 8601 time, offset optional. */
export const isoTime = (text: string): boolean => timeAt(text, 0, false);
/** ISO 8601 date-time, offset optional. */
export const isoDateTime = (text: string): boolean => dateTimeAt(text, false);

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
