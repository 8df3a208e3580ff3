// The report's judge-reliability and method sections: everything a reader needs to judge the
// numbers above and to run the evaluation again.
import type { ReliabilityView } from '../../../../shared/api/evaluation';
import { rubricName } from './chartSpecs';
import { DASH, esc, htmlTable, interval, levelLabel, num, shortHash } from './format';
import type { ReportInput } from './reportInput';
import { ALPHA, holmFamilyText } from './sections';
import { groupedCount } from '../../util/count';

function reliabilityCells(r: ReliabilityView | undefined): string {
  if (!r) return `<td class="n">${DASH}</td><td class="n">${DASH}</td>`;
  return `<td class="n">${num(r.icc)} <span class="ci">${interval(r.iccCi)}</span></td><td class="n">${num(r.alpha)} <span class="ci">${interval(r.alphaCi)}</span></td>`;
}

export function reliabilitySection(input: ReportInput): string {
  const { results, method } = input;
  const temperature = method.judgeTemperature ?? results.judgeTemperature;
  const rows = results.criteria.flatMap((c) => {
    const r = results.reliability[c.id];
    const name = `${esc(c.label)} <span class="scale">${esc(rubricName(input, c.rubricId))}</span>`;
    const arms = results.models.map(
      (m) =>
        `<tr><th scope="row">${name}</th><td>${esc(m)}</td>${reliabilityCells(r?.perArm?.[m])}<td class="n">${r?.perArm?.[m]?.units ?? DASH}</td><td>${esc(r?.perArm?.[m]?.note ?? '')}</td></tr>`,
    );
    return [
      ...arms,
      `<tr class="pooled"><th scope="row">${name}</th><td>All arms pooled</td>${reliabilityCells(r)}<td class="n">${r?.units ?? DASH}</td><td>${esc(r?.note ?? '')}</td></tr>`,
    ];
  });
  const zeroTemperature =
    method.judgeRepeats > 1 && temperature === 0
      ? '<p class="note">The repeats ran at temperature 0, so they differ only by the seed: with a real model they are near copies, and these values overstate the judge’s consistency.</p>'
      : '';
  return `<section id="reliability">
<h2>Judge reliability</h2>
<p>How consistently the judge scored the same conversation over ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment (repeat judgments are needed to measure this)' : 'repeats'}, sampled at temperature ${num(temperature, 1)}. ${esc(results.reliabilityForm ?? 'ICC(2,1)')}, and Krippendorff's alpha for interval data, each with a ${esc(levelLabel(results.bootstrap.level))} percentile bootstrap interval over conversations (1 is perfect agreement). Read the values within each arm: pooling the arms counts their differences as agreement and inflates both.</p>
${zeroTemperature}
${htmlTable('reliability-table', ['Criterion', 'Arm', 'ICC(2,1) [CI]', 'Alpha [CI]', 'Conversations', 'Note'], rows)}
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
    const size =
      lineage?.trainingExamples !== undefined
        ? `${lineage.trainingExamples}${lineage.datasetExamples !== undefined && lineage.datasetExamples !== lineage.trainingExamples ? ` (of ${lineage.datasetExamples})` : ''}`
        : DASH;
    return `<tr><th scope="row">${esc(arm.label)}</th><td title="${esc(`${lineage?.model ?? arm.model} at ${lineage?.providerName ?? 'an unknown provider'} (provider id ${arm.providerId})`)}">${lineage?.name && lineage.name !== (lineage.model ?? arm.model) ? `${esc(lineage.name)}<br>` : ''}<code>${esc(lineage?.model ?? arm.model)}</code></td><td>${esc(lineage?.providerName ?? 'Unknown provider')}</td><td class="n">${arm.temperature === null ? 'default' : num(arm.temperature, 1)}</td><td>${arm.systemPrompt === null ? 'shared' : 'own'}</td><td>${dataset}</td><td class="n">${size}</td></tr>`;
  });
  const prompts = [
    ...(spec.sharedSystemPrompt !== null ? [{ title: 'Shared system prompt', text: spec.sharedSystemPrompt }] : []),
    ...spec.arms.flatMap((arm) =>
      arm.systemPrompt !== null ? [{ title: `${arm.label}'s own system prompt`, text: arm.systemPrompt }] : [],
    ),
  ];
  const b = method.bootstrap;
  return `<section id="method">
<h2>Method</h2>
<dl class="facts">
<dt>Scenario set</dt><dd>${esc(method.setName)} v${esc(method.setVersion)}, content hash <code class="hash">${esc(method.setHash)}</code>, ${input.scenarios.length} scenarios</dd>
<dt>Conversations</dt><dd>${method.seeds.length} ${method.seeds.length === 1 ? 'seed' : 'seeds'} per scenario (${method.seeds.map(esc).join(', ')}); every model meets the same simulated client for the same seed; ${method.turns} counselor turns at most</dd>
<dt>Simulated client</dt><dd><code>${esc(method.simulator.model)}</code> (${esc(method.simulator.providerName)}), temperature ${num(method.simulator.temperature, 1)}</dd>
<dt>Judge</dt><dd><code>${esc(method.judge.model)}</code> (${esc(method.judge.providerName)}), ${method.judgeRepeats} ${method.judgeRepeats === 1 ? 'judgment' : 'repeats'} per criterion at temperature ${num(method.judgeTemperature ?? input.results.judgeTemperature, 1)}; an unreadable judgment is missing, never 0</dd>
<dt>Rubrics</dt><dd>${method.rubrics.map((r) => `${esc(r.name)} (<code>${esc(r.id)}</code>) v${esc(r.version)}`).join('; ') || DASH}${spec.formulation ? "; formulation accuracy against each scenario's hidden cognitive model" : ''}</dd>
<dt>Prompts</dt><dd>${method.prompts.map((p) => `${esc(p.name)} v${esc(p.version)}`).join('; ') || DASH}</dd>
<dt>Unit of analysis</dt><dd>The scenario. A conversation's repeated judgments are averaged, then a scenario's conversations (its seeds), before any test, interval or heatmap cell: seeds of one scenario share its client and problem, so counting them as separate pairs would overstate the evidence.</dd>
<dt>Statistics</dt><dd>Bootstrap confidence intervals over scenarios, level ${esc(levelLabel(b.level))}, ${groupedCount(b.resamples)} resamples, seed ${b.seed}; paired Wilcoxon signed-rank tests on scenario means (exact up to 50 non-zero pairs); Holm's correction over ${esc(holmFamilyText(input))}, α = ${ALPHA}</dd>
<dt>Software</dt><dd>Hybrid Data Studio ${esc(method.appVersion)}; charts by ${libraries.map((l) => `${esc(l.name)} ${esc(l.version)}`).join(', ')}</dd>
<dt>Generated</dt><dd>${esc(new Date(method.generatedAt).toISOString())}</dd>
<dt>Run</dt><dd>${esc(run.spec.name)} <code>${esc(run.id)}</code></dd>
</dl>
<h3>Models and their training data</h3>
${htmlTable('models-table', ['Label', 'Model id', 'Provider', 'Temperature', 'System prompt', 'Fine-tuned on', 'Training examples'], arms)}
${input.sizeWarning ? `<p class="note">${esc(input.sizeWarning)}</p>` : ''}
${prompts.map((p) => `<details class="prompt" open><summary>${esc(p.title)}</summary><pre>${esc(p.text)}</pre></details>`).join('\n')}
</section>`;
}
