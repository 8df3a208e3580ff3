import type { Page } from '@playwright/test';

/**
 * The fake server answers structured requests with random schema-valid JSON, but scenario labels must come
 * from the taxonomy and judge scores from the rubric's scale; a prompt ending in `[[fake:reply=<json>]]`
 * makes the fake give that answer. Prompts are saved through the app's own API, as the backend tests do.
 */
export async function callApi<T>(page: Page, method: string, input: object): Promise<T> {
  const token = await page.evaluate(() => sessionStorage.getItem('hds.token'));
  const response = await page.request.post(new URL('/api/call', page.url()).href, {
    headers: { 'x-hds-token': token ?? '' },
    data: { method, input },
  });
  const body = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.value as T;
}

/** Saves a new version of a prompt whose answers from the fake are always `reply`. */
export async function scriptPrompt(page: Page, name: string, reply: string): Promise<void> {
  const prompts = await callApi<{ name: string; template: string; current: boolean }[]>(page, 'prompts.list', {});
  const current = prompts.find((p) => p.name === name && p.current)!;
  await callApi(page, 'prompts.save', { name, template: `${current.template}\n[[fake:reply=${reply}]]` });
}

export interface ScriptedRubric {
  id: string;
  criteria: { id: string; scale: { min: number; max: number } }[];
}

/** Every criterion at the bottom of its scale, so every judged session comes to the review queue. */
export async function scriptJudge(page: Page): Promise<ScriptedRubric> {
  const rubrics = await callApi<ScriptedRubric[]>(page, 'rubrics.list', {});
  const rubric = rubrics.find((r) => r.id === 'session-quality')!;
  const answer = {
    scores: Object.fromEntries(rubric.criteria.map((c) => [c.id, { rationale: 'Turn 2 shows it.', score: c.scale.min }])),
    safety: { riskPresent: false, handledAppropriately: null, notes: 'none' },
    summary: 'Needs work.',
  };
  await scriptPrompt(page, 'judge', JSON.stringify(answer));
  return rubric;
}
