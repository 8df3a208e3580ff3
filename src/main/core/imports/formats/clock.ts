// Clock times as transcripts write them: "00:01:23", "1:23", "00:01:23.500", "00:01:23,5".
// Anchored patterns on one short field or line start, never on a whole file.

const clockPattern = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,3})(?:[.,](\d{1,3}))?$/;

/** Seconds from "hh:mm:ss(.mmm)" or "mm:ss"; undefined for anything else. */
export function parseClock(value: string): number | undefined {
  const m = clockPattern.exec(value.trim());
  if (!m) return undefined;
  const [, h, min, s, frac] = m;
  // AnnoMI has a few malformed stamps such as "00:09:025": read the digits as written.
  const seconds = Number(h ?? 0) * 3600 + Number(min) * 60 + Number(s);
  return frac === undefined ? seconds : seconds + Number(`0.${frac}`);
}

/** A number of seconds ("83.5") or a clock ("00:01:23.5"), as CSV timestamp columns hold them. */
export function parseSecondsOrClock(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const asNumber = Number(trimmed);
  return Number.isFinite(asNumber) ? asNumber : parseClock(trimmed);
}

// A timestamp in front of a line: "[00:01:23]", "(1:23)", "00:01:23 -", "00:01:23.5 |".
// A bare clock must be followed by a space so that "10:30am" stays text.
const clock = String.raw`((?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)`;
const bracketedClock = new RegExp(String.raw`^[[(]${clock}[\])]\s*(?:[-–—|:]\s*)?`);
const bareClock = new RegExp(String.raw`^${clock}(?:\s*[-–—|]\s+|\s+|$)`);

/** Splits a leading timestamp off a line. */
export function takeLeadingClock(line: string): { seconds?: number; rest: string } {
  const m = bracketedClock.exec(line) ?? bareClock.exec(line);
  if (!m?.[1]) return { rest: line };
  return { seconds: parseClock(m[1]), rest: line.slice(m[0].length) };
}
