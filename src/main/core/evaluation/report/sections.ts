// The report's tables, as HTML strings. Every value that a person or a model wrote passes through
// `esc`; numbers are formatted here so the page and its print-out read the same.
import { holmFamilyLabel, type EvalCriterion } from '../../../../shared/api/evaluation';
import { findings, intervalDisagrees, noFindingText } from '../../../../shared/domain/evalFindings';
import { rubricName } from './chartSpecs';
import { DASH, esc, htmlTable, interval, levelLabel, num, pValue, percent, shortHash, signed } from './format';
import type { ReportInput } from './reportInput';

export const ALPHA = 0.05;
export const WINNER_NOTE = `significant after Holm at α = ${ALPHA}`;

/** The Holm family in words, e.g. "all 6 comparisons of the run (every criterion × model pair)". */
export function holmFamilyText(input: ReportInput): string {
  const h = input.results.holm;
  const tests = input.results.comparisons.filter((c) => c.wilcoxon?.p !== null && c.wilcoxon?.p !== undefined).length;
  return holmFamilyLabel(h?.family ?? 'criterion', h?.tests ?? tests);
}

export function summarySection(input: ReportInput): string {
  const { run, results, method } = input;
  const found = findings(results);
  const flagged = results.models.filter((m) => (results.safety[m]?.flagged ?? 0) > 0);
  const incomplete =
    run.status !== 'done'
      ? `<p class="note">This run is not complete (status: ${esc(run.status)}); the figures cover the conversations and judgments finished so far.</p>`
      : '';
  const missingConversations = results.models.reduce(
    (sum, m) => sum + Math.max(0, ...results.criteria.map((c) => results.stats[m]?.[c.id]?.missing ?? 0)),
    0,
  );
  const findingItems =
    found.length > 0
      ? found.map((f) => `<li class="finding">${esc(f.text)}</li>`)
      : [`<li class="finding none">${esc(noFindingText(results))}</li>`];
  return `<section id="summary">
<h2>Summary</h2>
${incomplete}
<dl class="facts">
<dt>Scenario set</dt><dd>${esc(method.setName)} v${esc(method.setVersion)} <span class="hash">${esc(shortHash(method.setHash))}</span>, ${input.scenarios.length} scenarios (the unit of analysis)</dd>
<dt>Models</dt><dd>${results.models.map(esc).join(', ')}</dd>
<dt>Conversations</dt><dd>${run.conversations.done} of ${run.conversations.total} finished${run.conversations.failed ? `, ${run.conversations.failed} failed` : ''}; ${missingConversations} without any usable score on some criterion</dd>
<dt>Judgments</dt><dd>${run.judgments.scored} of ${run.judgments.total} scored; ${run.judgments.missing} without any score (unreadable, or no criterion could be judged), never counted as 0</dd>
<dt>Judge</dt><dd>${esc(method.judge.model)} (${esc(method.judge.providerName)}), ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment' : 'repeats'} per criterion at temperature ${num(method.judgeTemperature ?? results.judgeTemperature, 1)}</dd>
<dt>Tests</dt><dd>Paired Wilcoxon signed-rank tests on scenario means; Holm's correction over ${esc(holmFamilyText(input))}, α = ${ALPHA}</dd>
<dt>Cost</dt><dd>$${run.costUsd.toFixed(2)}</dd>
</dl>
<h3>Significant differences</h3>
<ul class="findings">
${findingItems.join('\n')}
</ul>
<ul class="findings">
<li>Safety gate: ${flagged.length === 0 ? 'no conversation was flagged for mishandled risk.' : `${flagged.map(esc).join(', ')} had conversations flagged for mishandled risk (see the safety gate below).`}</li>
${input.sizeWarning ? `<li class="warn">${esc(input.sizeWarning)}</li>` : ''}
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
  const bottom = input.results.criteria
    .map((c) => `<th scope="col">${esc(c.label)} <span class="scale">${c.scale.min}–${c.scale.max}</span></th>`)
    .join('');
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
<p>Per model and criterion: the median and interquartile range (IQR, the middle half of the scenarios), then the mean with its ${esc(level)} bootstrap confidence interval. Each value is a scenario's mean: repeats and seeds are averaged within a scenario first. n is the number of scenarios with a score. Missing counts conversations without any usable score (every judgment of it unreadable), and, after the slash, unreadable judgments; a conversation with one readable judgment out of two is not missing. A criterion the judge validly said it cannot judge from the transcript is neither a score nor missing: it is counted apart as “cannot judge”.</p>
<div class="table-wrap"><table id="results-table" class="results">
<caption>Median (IQR) and mean [${esc(level)} CI] per model and criterion, over scenarios</caption>
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
  const judgments = s.missingJudgments !== undefined ? ` / ${s.missingJudgments} of ${s.judgments} judgments` : '';
  const cannot = s.notJudged ? ` · ${s.notJudged} cannot judge` : '';
  const conversations = s.conversations !== undefined ? ` of ${s.conversations} conversations` : ' conversations';
  return `<td class="cell${winner ? ' winner' : ''}" ${attrs}><span class="median">median ${num(s.median)} (IQR ${num(s.q1)}–${num(s.q3)})</span><span class="mean">mean ${num(s.mean)}</span> <span class="ci">${interval(s.ci)}</span>${star}<span class="meta">n ${s.n} scenarios · SD ${num(s.sd)} · missing ${s.missing}${conversations}${judgments}${cannot}</span></td>`;
}

export function comparisonsSection(input: ReportInput): string {
  const { results } = input;
  const level = levelLabel(results.bootstrap.level);
  const label = (id: string) => results.criteria.find((c) => c.id === id)?.label ?? id;
  let disagreements = 0;
  const rows = results.comparisons.map((c) => {
    const method = c.wilcoxon?.method ? ` title="${esc(c.wilcoxon.method)}"` : '';
    const odd = intervalDisagrees(c);
    if (odd) disagreements++;
    const w = c.wilcoxon?.statistic;
    return `<tr class="${c.significant ? 'significant' : ''}"><td>${esc(label(c.criterion))}</td><td>${esc(c.a)} − ${esc(c.b)}</td><td class="n">${c.n}</td><td class="n">${signed(c.meanDifference)}</td><td class="n">${interval(c.ci)}${odd ? ' <span class="mark" aria-label="see the note below the table">†</span>' : ''}</td><td class="n">${w === null || w === undefined ? DASH : num(w, Number.isInteger(w) ? 0 : 1)}</td><td class="n"${method}>${pValue(c.wilcoxon?.p)}</td><td class="n">${pValue(c.pHolm)}</td><td class="n">${num(c.wilcoxon?.effectSize)}</td><td>${c.significant ? 'yes' : 'no'}</td></tr>`;
  });
  return `<section id="comparisons">
<h2>Pairwise comparisons</h2>
<p>Each pair of models on the scenarios both have a score for; n pairs counts scenarios, because a scenario's seeds and repeats are averaged before testing (seeds of one scenario are correlated and are not independent pairs). Differences are A − B; W is the Wilcoxon signed-rank statistic (the smaller of the two rank sums); p-values are two-sided, then corrected with Holm's method over ${esc(holmFamilyText(input))}; the effect size is the matched-pairs rank-biserial correlation (positive when A scores higher).</p>
${htmlTable('comparisons-table', ['Criterion', 'A − B', 'n pairs', 'Mean difference', `${esc(level)} CI`, 'W', 'Wilcoxon p', 'Holm p', 'Effect size', `Significant (α = ${ALPHA})`], rows.length > 0 ? rows : ['<tr><td colspan="10">Only one model was evaluated: nothing to compare.</td></tr>'])}
${disagreements > 0 ? `<p class="footnote" id="ci-note"><span aria-hidden="true">†</span> The interval excludes 0 but the test is not significant. They answer different questions: the interval is a bootstrap of the <em>mean</em> difference and is not corrected for multiple comparisons; the test ranks the differences (a few large differences move the mean more than the ranks) and its p is Holm-corrected. Read such a difference as suggestive, not established.</p>` : ''}
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
${htmlTable('safety-table', ['Model', 'Conversations', 'Checked', 'Flagged / checked', 'Pass rate', 'Gate'], rows)}
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
${htmlTable('ctrs-table', ['Model', `Total, mean [${esc(levelLabel(results.bootstrap.level))} CI]`, 'Median', 'n', 'Missing', 'At or above 40'], rows)}
</section>`;
}

export function scenariosSection(input: ReportInput): string {
  if (input.scenarios.length === 0) return '';
  const rows = input.scenarios.map(
    (s) =>
      `<tr><th scope="row">${esc(s.title)}</th><td>${esc(s.style)}</td><td>${esc(s.riskLevel)}</td><td>${s.cognitiveModel.distortions.map(esc).join(', ')}</td><td>${esc(s.cognitiveModel.coreBelief)}</td></tr>`,
  );
  return `<section id="scenarios">
<h2>Scenarios</h2>
<details open><summary>${input.scenarios.length} scenarios with their client style, risk level and hidden cognitive model</summary>
${htmlTable('scenarios-table', ['Title', 'Client style', 'Risk', 'Distortions', 'Core belief'], rows)}
</details>
</section>`;
}
