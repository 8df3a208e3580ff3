// `npm run bench`: prints the performance figures each issue asks for, and keeps them in bench-results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { arenaStreamingBench } from './arenaStreaming';
import { cliLargeProjectBench, cliStartupBench } from './cliStartup';
import { crashLoopBench } from './crashLoop';
import { datasetsBench } from './datasets';
import { evaluationRunBench } from './evaluationRun';
import { evaluationResultsBench } from './evaluationResults';
import { evaluationStatsBench } from './evaluationStats';
import { foundationBench } from './foundation';
import { generationBench } from './generation';
import { judgingBench } from './judging';
import { importBench } from './importBench';
import { libraryBench } from './library';
import { offThreadBench } from './offThread';
import { plannerBench } from './planner';
import { redactionBench } from './redaction';
import { rendererBench } from './renderer';
import { studyBench } from './study';

const results: Record<string, unknown> = {
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  at: new Date().toISOString(),
};
console.log(`Hybrid Data Studio benchmarks (node ${process.version}, ${cpus().length} cores)`);
const only = process.argv.slice(2);
if (only.length === 0 || only.includes('foundation')) results.foundation = await foundationBench();
if (only.length === 0 || only.includes('library')) results.library = await libraryBench();
if (only.length === 0 || only.includes('redaction')) results.redaction = await redactionBench();
if (only.length === 0 || only.includes('generation')) results.generation = await generationBench();
if (only.length === 0 || only.includes('datasets')) results.datasets = await datasetsBench();
if (only.length === 0 || only.includes('evaluation-stats')) results.evaluationStats = await evaluationStatsBench();
if (only.length === 0 || only.includes('evaluation-results')) results.evaluationResults = await evaluationResultsBench();
if (only.length === 0 || only.includes('evaluation-run')) results.evaluationRun = await evaluationRunBench();
if (only.length === 0 || only.includes('arena')) results.arena = await arenaStreamingBench();
if (only.length === 0 || only.includes('judging')) results.judging = await judgingBench();
if (only.length === 0 || only.includes('crash')) results.crash = await crashLoopBench();
if (only.length === 0 || only.includes('import')) results.import = await importBench();
if (only.length === 0 || only.includes('cli')) results.cli = cliStartupBench();
if (only.length === 0 || only.includes('cli-large')) results.cliLarge = cliLargeProjectBench();
if (only.length === 0 || only.includes('planner')) results.planner = await plannerBench();
if (only.length === 0 || only.includes('renderer')) results.renderer = await rendererBench();
if (only.length === 0 || only.includes('study')) results.study = await studyBench();
if (only.length === 0 || only.includes('offthread')) results.offThread = await offThreadBench();

const dir = join(import.meta.dirname, '..', 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify(results, null, 2));
console.log(`\nSaved to bench-results/latest.json`);
process.exit(0);
