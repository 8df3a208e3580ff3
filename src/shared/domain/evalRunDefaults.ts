/**
 * Where a new evaluation run starts, in the Evaluate screen and in `eval run` alike: the two used to
 * disagree (8 counselor turns in the app, 10 in the CLI), so the same study gave different runs.
 */
export const evalRunDefaults = {
  /** Counselor turns per conversation (the client speaks first), as in the write-up's runs. */
  turns: 10,
  seeds: 1,
  judgeRepeats: 1,
  simulatorTemperature: 0.8,
} as const;
