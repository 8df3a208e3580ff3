// Text helpers shared by the report's HTML sections. Everything a person or a model wrote goes
// through `esc` before it reaches the page.
import { fixed } from '../../../../shared/domain/evalFindings';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values alike. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes, so no
 * value can close the script element or open a comment, and JSON.parse still returns the same data.
 * U+2028/2029 are escaped too so the text stays valid if someone pastes it into a JS file.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const DASH = '—';

/** A report table in its scrolling wrapper: one header row of column titles (HTML, escaped by the caller), then the rows. */
export function htmlTable(id: string, columns: readonly string[], rows: readonly string[]): string {
  return `<div class="table-wrap"><table id="${id}">
<thead><tr>${columns.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>`;
}

/** A number with a real minus sign (U+2212), the same sign every table and the summary use. */
export function num(value: number | null | undefined, digits = 2): string {
  return fixed(value, digits);
}

/** A signed difference, with a real minus sign. */
export function signed(value: number | null | undefined, digits = 2): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  const text = Math.abs(value).toFixed(digits);
  return value > 0 ? `+${text}` : value < 0 && Number(text) !== 0 ? `−${text}` : text;
}

export function interval(ci: { low: number; high: number } | null | undefined, digits = 2): string {
  return ci ? `[${num(ci.low, digits)}, ${num(ci.high, digits)}]` : DASH;
}

export function pValue(p: number | null | undefined): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return DASH;
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export function percent(share: number | null | undefined): string {
  return typeof share === 'number' && Number.isFinite(share) ? `${(share * 100).toFixed(0)}%` : DASH;
}

/** Confidence level as people say it: 0.95 → "95%". */
export function levelLabel(level: number): string {
  return `${Number((level * 100).toFixed(1))}%`;
}

/** "2026-11-24 02:42 UTC": the same text wherever the report is generated. */
export function utcTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A folder- and file-name-safe form of a name: lower-case ASCII letters, digits and dashes. */
export function slug(text: string, fallback = 'evaluation'): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || fallback;
}

/** The first characters of a content hash, enough to tell versions apart at a glance. */
export function shortHash(hash: string | undefined | null): string {
  return hash ? hash.slice(0, 12) : DASH;
}
