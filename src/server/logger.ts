import pino from 'pino';

export type Logger = pino.Logger;

/** One JSON line per event on stderr, so stdout carries only what the user asked for (the URL). */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'loss-tutor' } }, pino.destination({ dest: 2, sync: true }));
}
