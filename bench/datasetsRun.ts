// `tsx bench/datasetsRun.ts COUNT VALIDATE`: one size of the datasets bench in a fresh process, its figures
// printed as one JSON line (see runInOwnProcess in bench/datasets.ts).
import { run } from './datasets';

const figures = await run(Number(process.argv[2]), process.argv[3] === 'true');
console.log(JSON.stringify(figures));
process.exit(0);
