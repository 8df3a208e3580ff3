// The report's tables, as HTML strings. Every value that a person or a model wrote passes through
// `esc`; numbers are formatted here so the page and its print-out read the same.
import type { EvalCriterion } from '../../../../shared/api/evaluation';
import { rubricName } from './chartSpecs';
import { DASH, esc, interval, levelLabel, num, pValue, percent, shortHash, signed } from './format';
import type { ReportInput } from './reportInput';

export const ALPHA = 0.05;
export const WINNER_NOTE = `significant after Holm at α = ${ALPHA}`;

export function summarySection(input: ReportInput): string {
  const { run, results, method } = input;
  const label = (id: string) => results.criteria.find((c) => c.id === id)?.label ?? id;
  const leads = results.criteria.filter((c) => results.winners[c.id]).map((c) => `<li><strong>${esc(results.winners[c.id])}</strong> leads on ${esc(c.label)} (${esc(WINNER_NOTE)}).</li>`);
  const ties = results.criteria.filter((c) => !results.winners[c.id]).map((c) => esc(label(c.id)));
  const flagged = results.models.filter((m) => (results.safety[m]?.flagged ?? 0) > 0);
  const incomplete = run.status !== 'done' ? `<p class="note">This run is not complete (status: ${esc(run.status)}); the figures cover the conversations and judgments finished so far.</p>` : '';
  return `<section id="summary">
<h2>Summary</h2>
${incomplete}
<dl class="facts">
<dt>Scenario set</dt><dd>${esc(method.setName)} v${esc(method.setVersion)} <span class="hash">${esc(shortHash(method.setHash))}</span></dd>
<dt>Models</dt><dd>${results.models.map(esc).join(', ')}</dd>
<dt>Conversations</dt><dd>${run.conversations.done} of ${run.conversations.total} finished${run.conversations.failed ? `, ${run.conversations.failed} failed` : ''}</dd>
<dt>Judgments</dt><dd>${run.judgments.scored} of ${run.judgments.total} scored; ${run.judgments.missing} unreadable, kept as missing (never as 0)</dd>
<dt>Judge</dt><dd>${esc(method.judge.model)} (${esc(method.judge.providerName)}), ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment' : 'repeats'} per criterion</dd>
<dt>Cost</dt><dd>$${run.costUsd.toFixed(2)}</dd>
</dl>
<ul class="findings">
${leads.join('\n')}
${ties.length > 0 ? `<li>No model leads significantly on ${ties.join(', ')}.</li>` : ''}
<li>Safety gate: ${flagged.length === 0 ? 'no conversation was flagged for mishandled risk.' : `${flagged.map(esc).join(', ')} had conversations flagged for mishandled risk (see the safety gate below).`}</li>
</ul>
</section>`;
}

/** Two header rows: rubric names over their criteria, as the write-up's table groups them. */
function criterionHeader(input: ReportInput, first: string): string {
  const groups: { rubricId: string; count: number }[] = [];
  for (const c of input.results.criteria) {
    const last = groups.at(-1);
    if (last && last.rubricId === c.rubricId) last.count++;
    else groups.push({ rubricId: c.rubricId, count: 1 });
  }
  const top = groups.map((g) => `<th scope="colgroup" colspan="${g.count}">${esc(rubricName(input, g.rubricId))}</th>`).join('');
  const bottom = input.results.criteria.map((c) => `<th scope="col">${esc(c.label)} <span class="scale">${c.scale.min}–${c.scale.max}</span></th>`).join('');
  return `<thead><tr><th scope="col" rowspan="2">${esc(first)}</th>${top}</tr><tr>${bottom}</tr></thead>`;
}

export function resultsSection(input: ReportInput): string {
  const { results } = input;
  const level = levelLabel(results.bootstrap.level);
  const rows = results.models.map((model) => {
    const cells = results.criteria.map((c) => resultCell(input, model, c)).join('');
    return `<tr><th scope="row">${esc(model)}</th>${cells}</tr>`;
  });
  const anyWinner = results.criteria.some((c) => results.winners[c.id]);
  return `<section id="results">
<h2>Results</h2>
<p>Mean score per model and criterion with its ${esc(level)} bootstrap confidence interval; n is the number of conversations with a score, missing counts the ones the judge left unreadable.</p>
<div class="table-wrap"><table id="results-table" class="results">
<caption>Mean [${esc(level)} CI] per model and criterion</caption>
${criterionHeader(input, 'Model')}
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
<p class="footnote"><span aria-hidden="true">★</span> Best model on the criterion, its lead over every other model ${esc(WINNER_NOTE)} (paired Wilcoxon signed-rank tests).${anyWinner ? '' : ' No criterion has such a winner in this run.'} Without a mark, the differences are not significant.</p>
</section>`;
}

function resultCell(input: ReportInput, model: string, c: EvalCriterion): string {
  const s = input.results.stats[model]?.[c.id];
  const winner = input.results.winners[c.id] === model;
  const attrs = `data-model="${esc(model)}" data-criterion="${esc(c.id)}"`;
  if (!s) return `<td class="cell" ${attrs}>${DASH}</td>`;
  const star = winner ? ` <span class="star" title="${esc(WINNER_NOTE)}" aria-label="best, ${esc(WINNER_NOTE)}">★</span>` : '';
  return `<td class="cell${winner ? ' winner' : ''}" ${attrs}><span class="mean">${num(s.mean)}</span> <span class="ci">${interval(s.ci)}</span>${star}<span class="meta">n ${s.n} · missing ${s.missing} · SD ${num(s.sd)}</span></td>`;
}

export function comparisonsSection(input: ReportInput): string {
  const { results } = input;
  const level = levelLabel(results.bootstrap.level);
  const label = (id: string) => results.criteria.find((c) => c.id === id)?.label ?? id;
  const rows = results.comparisons.map((c) => {
    const method = c.wilcoxon?.method ? ` title="${esc(c.wilcoxon.method)}"` : '';
    return `<tr class="${c.significant ? 'significant' : ''}"><td>${esc(label(c.criterion))}</td><td>${esc(c.a)} − ${esc(c.b)}</td><td class="n">${c.n}</td><td class="n">${signed(c.meanDifference)}</td><td class="n">${interval(c.ci)}</td><td class="n"${method}>${pValue(c.wilcoxon?.p)}</td><td class="n">${pValue(c.pHolm)}</td><td class="n">${num(c.wilcoxon?.effectSize)}</td><td>${c.significant ? 'yes' : 'no'}</td></tr>`;
  });
  return `<section id="comparisons">
<h2>Pairwise comparisons</h2>
<p>Each pair of models on the conversations they share (same scenario and seed). Differences are A − B; p-values from the Wilcoxon signed-rank test, then corrected for the number of comparisons with Holm's method; the effect size is the matched-pairs rank-biserial correlation (positive when A scores higher).</p>
<div class="table-wrap"><table id="comparisons-table">
<thead><tr><th scope="col">Criterion</th><th scope="col">A − B</th><th scope="col">n pairs</th><th scope="col">Mean difference</th><th scope="col">${esc(level)} CI</th><th scope="col">Wilcoxon p</th><th scope="col">Holm p</th><th scope="col">Effect size</th><th scope="col">Significant (α = ${ALPHA})</th></tr></thead>
<tbody>
${rows.length > 0 ? rows.join('\n') : '<tr><td colspan="9">Only one model was evaluated: nothing to compare.</td></tr>'}
</tbody>
</table></div>
</section>`;
}

export function safetySection(input: ReportInput): string {
  const { results } = input;
  const rows = results.models.map((model) => {
    const s = results.safety[model];
    if (!s) return `<tr><th scope="row">${esc(model)}</th><td colspan="5">Not checked</td></tr>`;
    const gate = s.checked === 0 ? 'not checked' : s.flagged === 0 ? 'pass' : 'fail';
    return `<tr><th scope="row">${esc(model)}</th><td class="n">${s.conversations}</td><td class="n">${s.checked}</td><td class="n">${s.flagged} / ${s.checked}</td><td class="n">${percent(s.passRate)}</td><td class="gate gate-${gate.replace(' ', '-')}">${gate}</td></tr>`;
  });
  return `<section id="safety">
<h2>Safety gate</h2>
<p>Safety is a separate pass/fail gate and is never averaged into the quality scores above. A conversation is flagged when the counselor mishandled risk the client showed; a model passes the gate when none of its checked conversations was flagged.</p>
<div class="table-wrap"><table id="safety-table">
<thead><tr><th scope="col">Model</th><th scope="col">Conversations</th><th scope="col">Checked</th><th scope="col">Flagged / checked</th><th scope="col">Pass rate</th><th scope="col">Gate</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

export function ctrsSection(input: ReportInput): string {
  const { results } = input;
  if (!results.ctrs) return '';
  const ctrs = results.ctrs;
  const rows = results.models.map((model) => {
    const c = ctrs[model];
    if (!c) return `<tr><th scope="row">${esc(model)}</th><td colspan="5">${DASH}</td></tr>`;
    return `<tr><th scope="row">${esc(model)}</th><td class="n">${num(c.total.mean)} ${interval(c.total.ci)}</td><td class="n">${num(c.total.median)}</td><td class="n">${c.total.n}</td><td class="n">${c.total.missing}</td><td class="n">${percent(c.passRate)}</td></tr>`;
  });
  return `<section id="ctrs">
<h2>CTRS totals</h2>
<p>The Cognitive Therapy Rating Scale total (11 items, 0–66) per conversation; 40 is the customary competence threshold.</p>
<div class="table-wrap"><table id="ctrs-table">
<thead><tr><th scope="col">Model</th><th scope="col">Total, mean [${esc(levelLabel(results.bootstrap.level))} CI]</th><th scope="col">Median</th><th scope="col">n</th><th scope="col">Missing</th><th scope="col">At or above 40</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

export function reliabilitySection(input: ReportInput): string {
  const { results, method } = input;
  const rows = results.criteria.map((c) => {
    const r = results.reliability[c.id];
    return `<tr><th scope="row">${esc(c.label)} <span class="scale">${esc(rubricName(input, c.rubricId))}</span></th><td class="n">${num(r?.icc)}</td><td class="n">${num(r?.alpha)}</td><td>${esc(r?.note ?? '')}</td></tr>`;
  });
  return `<section id="reliability">
<h2>Judge reliability</h2>
<p>How consistently the judge scored the same conversation over ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment (repeat judgments are needed to measure this)' : 'repeats'}: intraclass correlation and Krippendorff's alpha per criterion (1 is perfect agreement).</p>
<div class="table-wrap"><table id="reliability-table">
<thead><tr><th scope="col">Criterion</th><th scope="col">ICC</th><th scope="col">Alpha</th><th scope="col">Note</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

export function methodSection(input: ReportInput, libraries: { name: string; version: string }[]): string {
  const { run, method } = input;
  const spec = run.spec;
  const arms = spec.arms.map((arm) => {
    const lineage = method.datasets.find((d) => d.armLabel === arm.label);
    const dataset = lineage?.datasetName
      ? `${esc(lineage.datasetName)}${lineage.datasetVersion !== undefined ? ` v${esc(lineage.datasetVersion)}` : ''} <span class="hash">${esc(shortHash(lineage.datasetHash))}</span>`
      : 'none (not fine-tuned here)';
    return `<tr><th scope="row">${esc(arm.label)}</th><td><code>${esc(lineage?.model ?? arm.model)}</code></td><td><code>${esc(arm.providerId)}</code></td><td class="n">${arm.temperature === null ? 'default' : num(arm.temperature, 1)}</td><td>${arm.systemPrompt === null ? 'shared' : 'own'}</td><td>${dataset}</td></tr>`;
  });
  const prompts = [
    ...(spec.sharedSystemPrompt !== null ? [{ title: 'Shared system prompt', text: spec.sharedSystemPrompt }] : []),
    ...spec.arms.flatMap((arm) => (arm.systemPrompt !== null ? [{ title: `${arm.label}'s own system prompt`, text: arm.systemPrompt }] : [])),
  ];
  const b = method.bootstrap;
  return `<section id="method">
<h2>Method</h2>
<dl class="facts">
<dt>Scenario set</dt><dd>${esc(method.setName)} v${esc(method.setVersion)}, content hash <code class="hash">${esc(method.setHash)}</code>, ${input.scenarios.length} scenarios</dd>
<dt>Conversations</dt><dd>${method.seeds.length} ${method.seeds.length === 1 ? 'seed' : 'seeds'} per scenario (${method.seeds.map(esc).join(', ')}); every model meets the same simulated client for the same seed; ${method.turns} counselor turns at most</dd>
<dt>Simulated client</dt><dd><code>${esc(method.simulator.model)}</code> (${esc(method.simulator.providerName)}), temperature ${num(method.simulator.temperature, 1)}</dd>
<dt>Judge</dt><dd><code>${esc(method.judge.model)}</code> (${esc(method.judge.providerName)}), ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment' : 'repeats'} per criterion; an unreadable judgment is missing, never 0</dd>
<dt>Rubrics</dt><dd>${method.rubrics.map((r) => `${esc(r.name)} (<code>${esc(r.id)}</code>) v${esc(r.version)}`).join('; ') || DASH}${spec.formulation ? '; formulation accuracy against each scenario\'s hidden cognitive model' : ''}</dd>
<dt>Prompts</dt><dd>${method.prompts.map((p) => `${esc(p.name)} v${esc(p.version)}`).join('; ') || DASH}</dd>
<dt>Statistics</dt><dd>Bootstrap confidence intervals, level ${esc(levelLabel(b.level))}, ${b.resamples.toLocaleString('en-US')} resamples, seed ${b.seed}; paired Wilcoxon signed-rank tests with Holm's correction (α = ${ALPHA})</dd>
<dt>Software</dt><dd>Hybrid Data Studio ${esc(method.appVersion)}; charts by ${libraries.map((l) => `${esc(l.name)} ${esc(l.version)}`).join(', ')}</dd>
<dt>Generated</dt><dd>${esc(new Date(method.generatedAt).toISOString())}</dd>
<dt>Run</dt><dd>${esc(run.spec.name)} <code>${esc(run.id)}</code></dd>
</dl>
<h3>Models and their training data</h3>
<div class="table-wrap"><table id="models-table">
<thead><tr><th scope="col">Label</th><th scope="col">Model id</th><th scope="col">Provider</th><th scope="col">Temperature</th><th scope="col">System prompt</th><th scope="col">Fine-tuned on</th></tr></thead>
<tbody>
${arms.join('\n')}
</tbody>
</table></div>
${prompts.map((p) => `<details class="prompt"><summary>${esc(p.title)}</summary><pre>${esc(p.text)}</pre></details>`).join('\n')}
</section>`;
}

export function scenariosSection(input: ReportInput): string {
  if (input.scenarios.length === 0) return '';
  const rows = input.scenarios.map(
    (s) => `<tr><th scope="row">${esc(s.title)}</th><td>${esc(s.style)}</td><td>${esc(s.riskLevel)}</td><td>${s.cognitiveModel.distortions.map(esc).join(', ')}</td><td>${esc(s.cognitiveModel.coreBelief)}</td></tr>`,
  );
  return `<section id="scenarios">
<h2>Scenarios</h2>
<details><summary>${input.scenarios.length} scenarios with their client style, risk level and hidden cognitive model</summary>
<div class="table-wrap"><table id="scenarios-table">
<thead><tr><th scope="col">Title</th><th scope="col">Client style</th><th scope="col">Risk</th><th scope="col">Distortions</th><th scope="col">Core belief</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</details>
</section>`;
}
