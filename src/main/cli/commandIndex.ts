import type { Command } from './commands';

type Group = () => Promise<Record<string, Command>>;

// Each group's module, with everything it imports, loads only when one of its commands runs: start-up
// is most of a short command's time, and a command needs one group.
const core: Group = async () => (await import('./commands')).coreCommands;
const imports: Group = async () => (await import('./importCommands')).importCommands;
const sessions: Group = async () => (await import('./sessionCommands')).sessionCommands;
const redaction: Group = async () => (await import('./redactionCommands')).redactionCommands;
const generation: Group = async () => (await import('./generationCommands')).generationCommands;
const datasets: Group = async () => (await import('./datasetCommands')).datasetCommands;
const training: Group = async () => (await import('./trainingCommands')).trainingCommands;
const evaluation: Group = async () => (await import('./evalCommands')).evalCommands;
const study: Group = async () => (await import('./studyCommands')).studyCommands;

/** The groups that hold commands starting with a word ("sessions list" is in imports, "sessions show" in sessions). */
export const groupsByFirstWord: Record<string, Group[]> = {
  projects: [core],
  providers: [core],
  jobs: [core],
  calls: [core],
  import: [imports],
  sessions: [imports, sessions, generation],
  redaction: [redaction],
  domain: [generation],
  judge: [generation],
  review: [generation],
  personas: [generation],
  scenarios: [generation],
  datasets: [datasets],
  train: [training],
  eval: [evaluation],
  status: [study],
};

/** Every group, for tests that check the index above against the commands the groups hold. */
export const commandGroups: Group[] = [core, imports, sessions, redaction, generation, datasets, training, evaluation, study];

/**
 * The command a command line names: two words ("providers add") before one ("import <files…>"), loading
 * only the groups its first word points to. Undefined for a command that does not exist.
 */
export async function findCommand(positionals: readonly string[]): Promise<{ name: string; command: Command } | undefined> {
  const first = positionals[0] ?? '';
  const groups = Object.hasOwn(groupsByFirstWord, first) ? groupsByFirstWord[first]! : [];
  const table: Record<string, Command> = Object.assign({}, ...(await Promise.all(groups.map((load) => load()))));
  const twoWords = positionals.slice(0, 2).join(' ');
  const name = Object.hasOwn(table, twoWords) ? twoWords : first;
  return Object.hasOwn(table, name) ? { name, command: table[name]! } : undefined;
}
