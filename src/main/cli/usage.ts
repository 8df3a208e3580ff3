/** A wrong command line: exit code 2 and the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `Usage: npm run cli -- <command> [options] [--project FILE] [--data-dir DIR] [--json]

Projects
  projects create <name> [--file FILE]     create a project file (and make it the current one)
  status                                   the study checklist: what is done, what is next, what would spoil the comparison
  projects info                            the project's name, file, format and counts

Providers
  providers add --name N --preset P [--base-url URL] [--key-env VAR] [--concurrency N]
                                           presets: openai ollama lmstudio vllm llamacpp together fireworks openrouter custom
  providers list                           providers with key status (never the key)
  providers set-key <name>                 read a key from standard input and keep it in the key file (0600)
  providers test <name>                    connect and list the provider's models
  providers speed-test <name> --model M [--calls 20] [--concurrency 2] [--max-tokens 64] [--budget USD]

Transcripts and the library
  import <files or folders…> [--format F] [--map speaker=role …] [--columns session=C,speaker=C,text=C,order=C] [--redact [review|apply|off]] [--tag T …]
                                           folders: transcript files only, every skipped path and every problem listed
                                           --redact review: detect personal details and wait for a person; bare --redact: apply
                                           formats: text webvtt srt whisper-json csv dialogue-json chat-jsonl docx
                                           roles: user (client), assistant (counselor), drop
  sessions list [--search Q] [--status S] [--source S] [--tag T] [--pending-details] [--limit N] [--offset N] [--all (JSON lines, every session)]
  sessions show <id>
  sessions export --out FILE [--status S] [--source S] [--tag T]   OpenAI chat JSONL (never sessions awaiting personal-detail review)
  redaction list [--search Q]              detected personal details awaiting review, by entity across sessions
  redaction accept|reject --entity "Name"  replace (accept) or keep (reject) that detail in every session awaiting review

Domain pack (the taxonomy and prompts, as data: export, edit, import — no code change)
  domain export --out pack.json
  domain import pack.json

Synthetic data (provider and model default to the generator role in Settings; --estimate prints calls, tokens, cost, time)
  personas generate --distortions a,b --styles x,y [--count 20] [--age-bands 18-24,65+] [--provider P --model M] [--seed N] [--budget USD] [--batch] [--estimate]
  scenarios generate [--themes T,…] [--provider P --model M] [--budget USD] [--batch] [--estimate]
                                           --batch: the provider's Batch API, half the price, slower
  sessions generate [--mode single|twoAgent] [--per-scenario N] [--short W --medium W --long W] [--budget USD] [--estimate]
  judge [session ids…] [--source synthetic|real] [--status draft|approved|rejected|needs_review] [--tag T]
        [--dataset-version ID] [--again] [--rubric session-quality|ctrs|empathy-relevance] [--repeats K]
        [--provider P --model M] [--batch] [--estimate]
        (sessions judged on the rubric are skipped; --again adds new judgments beside the old ones)
  review list [--limit N]                  flagged and unreviewed sessions, safety first, then lowest scores

Datasets and training (a dataset is named by its id or its name; the version defaults to the newest)
  datasets list
  datasets create <name> [--mix real-only|synthetic-only|hybrid] [--synthetic-share 0.5] [--total N | --same-size-as DATASET]
                  [--validation 0.1] [--seed N] [--status approved,needs_review] [--tag T …] [--min-score X] [--min-turns N]
                  [--max-turns N] [--system-prompt TEXT] [--preview]
                                           --preview prints what the dataset would hold, without creating it;
                                           --same-size-as takes the total of that dataset's newest version; a
                                           warning names datasets of another mix more than 20% apart in size
  datasets freeze <dataset> [--note TEXT]  an immutable version with its statistics, content hash and leakage check
  datasets validate <dataset> [--version N] [--model M] [--epochs N]   format checks and training cost; exit 1 on errors
  datasets export <dataset> --format openai-jsonl|sharegpt|hf-chat|turns-csv|bundle --out DIR [--version N] [--base-model M]
  datasets diff <dataset> --from N --to M  sessions added, removed and changed between two versions
  train start <dataset> --provider P --base-model M [--trainer openai|together] [--version N] [--suffix S]
              [--epochs N] [--batch-size N] [--lr-multiplier X] [--seed N] [--wait]
                                           returns once the provider accepts the job; --wait follows it to the trained model
  train status [run id]                    training runs, or one run with its last loss and events
  train cancel <run id>                    cancels at the provider too

Evaluation (a model is written PROVIDER:MODEL; a scenario set by its id or its name)
  eval create-set <name> [--import FILE.json|FILE.csv] [--distortions a,b --styles x,y --generator P:M [--per-cell N] [--risk none]] [--freeze]
  eval run <set> --arm "LABEL=P:M" … --simulator P:M --judge P:M [--version N] [--rubric empathy-relevance,ctrs] [--formulation]
           [--turns 10] [--seeds 1] [--repeats 1] [--judge-temperature T] [--holm all|criterion]
           [--system-prompt TEXT] [--batch] [--budget USD] [--estimate] [--name NAME]
                                           converses, scores, and prints the results table and every significant
                                           difference; exit 1 if it did not finish. The scenario is the unit (seeds
                                           and repeats are averaged within it); Holm's family is all comparisons of
                                           the run unless --holm criterion; repeats sample at 0.7 unless set
  eval plan [pilot run id] --difference D [--sd S | --sd-a S --sd-b S] [--correlation R] [--power 0.8]
           [--arms 2] [--criteria 1] [--holm all|criterion] [--criterion ID]
                                           scenarios needed to detect D with the paired Wilcoxon at the run's
                                           Holm family (simulated, seeded); with a pilot run, its SDs and
                                           correlation and the power of its own comparisons
  eval list                                evaluation runs, newest first
  eval report [run id] [--out DIR]         a self-contained HTML report, a CSV of every score and a JSON manifest

Jobs and the call ledger
  jobs list [--status S]                   jobs, newest first
  jobs show <id>                           one job with its figures
  jobs resume <id> [--budget USD]          run a job's unfinished items and wait
                                           --prompts started|current: after a prompt edit, which version the rest uses
  jobs cancel <id>
  calls list [--limit N] [--job ID]        the call ledger, newest first
  calls totals [--job ID]

Without --project, the most recently opened project is used.
Exit codes: 0 success, 1 failure, 2 wrong usage. Keys come from the key file or the provider's environment variable.`;
