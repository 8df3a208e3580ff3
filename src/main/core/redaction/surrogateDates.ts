import { monthIndex, monthNames, monthPattern } from './words';

// Dates are shifted by one number of days for the whole session, so intervals ("two weeks after
// the funeral") stay true while the calendar dates change. The written format is kept.

const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const weekday = '(?<wd>(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs?)?|Fri|Sat(?:ur)?|Sun)(?:day)?)(?<wdSep>,?\\s+)';

const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const numeric = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const monthFirst = new RegExp(
  `^(?:${weekday})?(?<mon>${monthPattern})(?<gap>\\.?\\s+)(?<day>\\d{1,2})(?<ord>st|nd|rd|th)?(?:(?<ySep>,?\\s+)(?<y>\\d{4}))?$`,
);
const dayFirst = new RegExp(
  `^(?:${weekday})?(?<day>\\d{1,2})(?<ord>st|nd|rd|th)?(?<gap>\\s+(?:of\\s+)?)(?<mon>${monthPattern})(?:(?<ySep>\\.?,?\\s+)(?<y>\\d{4}))?$`,
);
const monthYear = new RegExp(`^(${monthPattern})(\\.?,?\\s+(?:of\\s+)?)(\\d{4})$`);

const pad = (n: number, like: string) => String(n).padStart(like.length, '0');
const ordinal = (d: number) => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');
const monthLike = (m: number, like: string) => (monthNames.includes(like) ? monthNames[m] : monthNames[m]?.slice(0, 3)) ?? '';
const weekdayLike = (date: Date, like: string) => {
  const name = weekdayNames[date.getUTCDay()] ?? '';
  return like.length <= 4 ? name.slice(0, like.length) : name;
};

/** Day shifting in UTC so that no local time zone or daylight change moves a date. */
function shift(year: number, month: number, day: number, days: number): Date | null {
  const date = new Date(Date.UTC(year, month, day));
  if (date.getUTCMonth() !== month || date.getUTCDate() !== day) return null;
  date.setUTCDate(date.getUTCDate() + days);
  return date;
}

// Without a year, a leap year is assumed so that "29 February" is still a date.
const noYear = 2000;

/** The date written the same way, `days` later (or earlier); null when the text is not understood. */
export function shiftDateText(text: string, days: number): string | null {
  let m = iso.exec(text);
  if (m) {
    const d = shift(Number(m[1]), Number(m[2]) - 1, Number(m[3]), days);
    return d && `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, m[2] ?? '')}-${pad(d.getUTCDate(), m[3] ?? '')}`;
  }
  m = numeric.exec(text);
  if (m) {
    const [a, sep, b, y] = [m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? ''];
    // Month first (US) unless the first number cannot be a month.
    const dayFirstOrder = Number(a) > 12;
    const [mm, dd] = dayFirstOrder ? [b, a] : [a, b];
    const year = y.length === 2 ? 2000 + Number(y) : Number(y);
    const d = shift(year, Number(mm) - 1, Number(dd), days);
    if (!d) return null;
    const outM = pad(d.getUTCMonth() + 1, mm);
    const outD = pad(d.getUTCDate(), dd);
    const outY = y.length === 2 ? String(d.getUTCFullYear() % 100).padStart(2, '0') : String(d.getUTCFullYear());
    return dayFirstOrder ? `${outD}${sep}${outM}${sep}${outY}` : `${outM}${sep}${outD}${sep}${outY}`;
  }
  m = monthFirst.exec(text);
  if (m) return shiftNamedDate(m.groups ?? {}, days, false);
  m = dayFirst.exec(text);
  if (m) return shiftNamedDate(m.groups ?? {}, days, true);
  m = monthYear.exec(text);
  if (m) {
    // A month and year: shifted from the middle of the month.
    const d = shift(Number(m[3]), monthIndex(m[1] ?? ''), 15, days);
    return d && `${monthLike(d.getUTCMonth(), m[1] ?? '')}${m[2]}${d.getUTCFullYear()}`;
  }
  return null;
}

/** A date with its month named ("Tue, May 3rd, 2024", "3rd of May"), moved by `days`, in the order and forms it was written. */
function shiftNamedDate(g: Record<string, string | undefined>, days: number, dayFirstOrder: boolean): string | null {
  const d = shift(g.y ? Number(g.y) : noYear, monthIndex(g.mon ?? ''), Number(g.day), days);
  if (!d) return null;
  const w = g.wd ? `${g.y ? weekdayLike(d, g.wd) : g.wd}${g.wdSep}` : '';
  const day = `${d.getUTCDate()}${g.ord ? ordinal(d.getUTCDate()) : ''}`;
  const month = monthLike(d.getUTCMonth(), g.mon ?? '');
  const year = g.y ? `${g.ySep}${d.getUTCFullYear()}` : '';
  return `${w}${dayFirstOrder ? `${day}${g.gap}${month}` : `${month}${g.gap}${day}`}${year}`;
}
