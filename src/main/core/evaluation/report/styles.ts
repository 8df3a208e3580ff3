// Calm, readable, print-friendly: system fonts, a narrow measure for prose, quiet tables.
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d8dee4; --soft: #f6f8fa; --accent: #0b5394; --warn: #9a3412; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 76rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
header.top { border-bottom: 1px solid var(--rule); margin-bottom: 1.5rem; padding-bottom: 1rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .35rem; font-weight: 650; }
h2 { font-size: 1.25rem; margin: 2.5rem 0 .6rem; padding-top: .5rem; border-top: 1px solid var(--rule); font-weight: 650; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p, li, dd { max-width: 48rem; }
.subtitle, .footnote, .note, figcaption + .picker, .scale, .meta, footer { color: var(--muted); }
.note { border-left: 3px solid var(--warn); padding: .25rem .75rem; color: var(--warn); }
.footnote { font-size: .875rem; }
code, .hash, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
.hash { color: var(--muted); word-break: break-all; }
pre { white-space: pre-wrap; background: var(--soft); padding: .75rem 1rem; border-radius: 6px; max-width: 60rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
ul.findings { padding-left: 1.2rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); font-size: .85rem; padding-bottom: .35rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .4rem .7rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); font-weight: 600; border-bottom: 2px solid var(--rule); }
td.n { text-align: right; white-space: nowrap; }
.scale { font-weight: 400; font-size: .8em; white-space: nowrap; }
table.results td.cell { white-space: nowrap; }
table.results .median { display: block; font-weight: 600; }
table.results .mean { font-weight: 400; }
li.finding { margin-bottom: .3rem; }
li.warn { color: var(--warn); }
.mark { color: var(--warn); }
table.results .ci { color: var(--muted); }
table.results .meta { display: block; font-size: .75rem; }
table.results td.winner { background: #eef5fc; }
.star { color: var(--accent); font-weight: 700; }
tr.significant td { background: #f4f9ff; }
.gate { font-weight: 600; text-transform: uppercase; font-size: .8rem; letter-spacing: .03em; }
.gate-pass { color: #1a7f37; }
.gate-fail { color: #b42318; }
.gate-not-checked { color: var(--muted); }
figure.chart { margin: 1.5rem 0 2rem; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
.canvas-box { position: relative; width: 100%; }
.chart-actions { margin: .3rem 0; font-size: .85rem; }
a { color: var(--accent); }
details { margin: .4rem 0; }
summary { cursor: pointer; color: var(--accent); }
select { font: inherit; padding: .15rem .3rem; }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; font-size: .85rem; }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  .chart-actions, .picker, summary { display: none; }
  /* Every collapsed section prints expanded: the page script opens them before printing, and this
     rule covers printing without scripts (Chromium 131+). */
  details::details-content { content-visibility: visible; display: contents; }
  table[data-heatmap-table][hidden] { display: table; }
  .table-wrap { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
`;
