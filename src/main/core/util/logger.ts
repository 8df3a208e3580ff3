/** What the core needs from a log; hosts decide where lines go. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface LogSink {
  write(level: 'info' | 'warn' | 'error', line: string): void;
}

/** Every line passes through `scrub` first, so a key that slipped into an error message never reaches a log. */
export function createLogger(sink: LogSink, scrub: (text: string) => string): Logger {
  const line = (message: string, err?: unknown) => {
    const detail = err instanceof Error ? `\n${err.stack ?? err.message}` : err === undefined ? '' : `\n${String(err)}`;
    return scrub(`${new Date().toISOString()} ${message}${detail}`);
  };
  return {
    info: (m) => sink.write('info', line(m)),
    warn: (m) => sink.write('warn', line(m)),
    error: (m, err) => sink.write('error', line(m, err)),
  };
}

export const consoleSink: LogSink = {
  write: (level, text) => (level === 'error' ? console.error(text) : level === 'warn' ? console.warn(text) : console.info(text)),
};
