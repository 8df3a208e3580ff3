// The self-contained HTML report: tables rendered here, charts drawn in the page by inlined
// chart.js from one embedded JSON. Nothing is fetched: a strict CSP forbids any network access and
// lets only this file's own scripts (by hash) run, so text that slipped through escaping still
// could not execute.
import { createHash } from 'node:crypto';
import { chartsSection } from './chartFigures';
import { chartLibraries } from './chartLibraries';
import { buildChartSpecs } from './chartSpecs';
import { CLIENT_SCRIPT } from './clientScript';
import { esc, jsonForScript, slug, utcTime } from './format';
import type { ReportInput } from './reportInput';
import { methodSection, reliabilitySection } from './methodSections';
import { comparisonsSection, ctrsSection, resultsSection, safetySection, scenariosSection, summarySection } from './sections';
import { REPORT_CSS } from './styles';

export function renderReportHtml(input: ReportInput): string {
  const libraries = chartLibraries();
  const charts = buildChartSpecs(input);
  const data = jsonForScript({ results: input.results, run: input.run, method: input.method, scenarios: input.scenarios, charts });
  const scripts = [...libraries.map((l) => l.code), CLIENT_SCRIPT];
  const csp = [
    "default-src 'none'",
    `script-src ${scripts.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`).join(' ')}`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const name = input.run.spec.name;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Hybrid Data Studio ${esc(input.method.appVersion)}">
<title>${esc(`Evaluation report: ${name}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<header class="top">
<h1>${esc(`Evaluation report: ${name}`)}</h1>
<p class="subtitle">${esc(input.results.models.join(' · '))} on ${esc(input.method.setName)} v${esc(input.method.setVersion)} · generated ${esc(utcTime(input.method.generatedAt))}</p>
</header>
${summarySection(input)}
${resultsSection(input)}
${comparisonsSection(input)}
${safetySection(input)}
${ctrsSection(input)}
${reliabilitySection(input)}
${chartsSection(charts, slug(name))}
${methodSection(input, libraries)}
${scenariosSection(input)}
<footer>
<p>Scores are an LLM judge's ratings of conversations with a simulated client. This is a research tool, not a clinical assessment. Every score is in scores.csv beside this file; manifest.json lists the files with their SHA-256.</p>
</footer>
</main>
<script type="application/json" id="data">${data}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}
