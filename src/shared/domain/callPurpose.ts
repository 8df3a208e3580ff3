/** The ledger's purposes in words people use; an unknown purpose is shown as it is stored. */
const stepNames: Record<string, string> = {
  'generate-persona': 'Personas',
  'generate-scenario': 'Scenarios',
  'generate-session': 'Sessions',
  'simulate-client': 'Sessions: client turns (two agents)',
  counselor: 'Sessions: counselor turns (two agents)',
  'label-techniques': 'Sessions: labelling techniques (two agents)',
  judge: 'Judging',
  'safety-check': 'Safety checks',
  transcribe: 'Transcribing audio',
  'speed-test': 'Speed tests',
  'generate-eval-scenario': 'Evaluation: scenarios',
  'evaluate-counselor': 'Evaluation: models under test',
  'evaluate-judge': 'Evaluation: judging',
  'evaluate-safety': 'Evaluation: safety checks',
  'evaluate-formulation': 'Evaluation: formulation accuracy',
  arena: 'Arena chats',
  'arena-judge': 'Arena: judging votes',
  'fine-tune': 'Fine-tuning',
  batch: 'Batch API',
};

export function stepName(purpose: string): string {
  const batch = purpose.endsWith(' (batch)');
  const base = batch ? purpose.slice(0, -' (batch)'.length) : purpose;
  return `${stepNames[base] ?? base}${batch ? ', Batch API' : ''}`;
}
