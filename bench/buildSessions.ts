// `tsx bench/buildSessions.ts FILE COUNT`: writes the datasets bench's library into a project file, in its
// own process, so what building it leaves on the heap is not counted in the freeze's memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { minhashSignature } from '../src/main/core/sessions/minhash';
import { writeSessions } from '../test/support/sessionRows';

const ESCONV = join(import.meta.dirname, '..', '..', 'shared', 'data', 'esconv', 'FailedESConv.json');

/** Real utterances (seeker and supporter) from ESConv, so sessions read like counselling and tokenize like it. */
function utterances(): { user: string[]; assistant: string[] } {
  const dialogues = JSON.parse(readFileSync(ESCONV, 'utf8')) as { dialog: { speaker: string; content: string }[] }[];
  const user: string[] = [];
  const assistant: string[] = [];
  for (const d of dialogues)
    for (const turn of d.dialog) if (turn.content.trim()) (turn.speaker === 'listener' ? assistant : user).push(turn.content.trim());
  return { user, assistant };
}

const [file, count] = [process.argv[2]!, Number(process.argv[3])];
writeSessions(file, { count, utterances: utterances() });
// Every session gets the MinHash signature the app stores as it writes one (an import, a generated or edited session).
const db = new Database(file);
const insert = db.prepare('INSERT INTO session_signatures (session_id, signature) VALUES (?, ?)');
const all = db.prepare(
  `SELECT s.id, (SELECT group_concat(text, char(10)) FROM (SELECT text FROM turns WHERE session_id = s.id ORDER BY seq)) AS text FROM sessions s`,
);
db.transaction(() => {
  for (const row of all.all() as { id: string; text: string }[]) {
    const signature = minhashSignature(row.text);
    insert.run(row.id, Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength));
  }
})();
db.close();
