import { watch, type FSWatcher } from 'node:fs';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { withLanguageModel } from '../llm/llm-tutor';
import type { LlmOptions } from '../llm/llm-options';
import { withAnswerBound } from '../runtime/answer-bound';
import { collectLoadGarbage } from '../runtime/load-garbage';
import { openTutor, type OpenedTutor } from '../runtime/open-tutor';
import { TutorPool, type PoolOptions } from '../runtime/tutor-pool';
import type { Logger } from './logger';

/**
 * The knowledge base, its index and the tutor built on them, rebuilt in the background when the
 * notes change on disk and swapped in at once: a turn in flight keeps the tutor it started with,
 * the next turn gets the new one, and no connection is dropped.
 */
interface RuntimeOptions {
  kbDir: string;
  cacheDir?: string;
  engineThreads: number;
  /** How the threads share themselves out and how long one turn may hold one. */
  scheduling: PoolOptions;
  /** The largest answer (its JSON, in bytes) that is sent and stored. */
  maxAnswerBytes: number;
  llm?: LlmOptions;
  logger: Logger;
  debounceMs: number;
}

interface Engine extends OpenedTutor {
  /** The threads answering for the embedded tutor, when there are any. */
  pool?: TutorPool;
}

/**
 * Opens kb + index + tutor: the embedded tutor on its threads (the main thread keeps the knowledge
 * base for the HTTP API, and opens its own index only on the first search of the API or the model's
 * retrieval), with the model in front when one is configured.
 */
async function openEngine(options: RuntimeOptions): Promise<Engine> {
  const cache = options.cacheDir ? { cacheDir: options.cacheDir } : {};
  const opening = openTutor({ kbDir: options.kbDir, ...cache });
  // The threads start now and load their code while this thread reads the notes; the server listens
  // once the notes are read, and the first turns wait for the threads (docs/design.md, start-up).
  const pool = options.engineThreads > 0 ? TutorPool.starting(opening.then(({ kb }) => ({ kb, ...cache })), options.engineThreads, options.scheduling) : undefined;
  const opened = await opening;
  // Once the threads have their copy, the notes' parse cache read here is garbage too.
  void (pool?.ready ?? Promise.resolve()).then(collectLoadGarbage, () => undefined);
  const embedded = pool ?? opened.tutor;
  const tutor = withLanguageModel({ ...opened, tutor: embedded }, options.llm, (reason) => options.logger.warn({ event: 'llm_fallback', reason }, 'answered by the embedded tutor'));
  return { ...opened, tutor: withAnswerBound(tutor, options.maxAnswerBytes), ...(pool ? { pool } : {}) };
}

export class TutorRuntime {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private rebuilding = Promise.resolve();

  private constructor(
    private current: Engine,
    private readonly options: RuntimeOptions,
  ) {}

  static async open(options: RuntimeOptions): Promise<TutorRuntime> {
    const started = Date.now();
    const opened = await openEngine(options);
    options.logger.info({ event: 'kb_loaded', items: opened.kb.items.length, problems: opened.kb.problems.length, engineThreads: options.engineThreads, ms: Date.now() - started }, 'knowledge base loaded');
    opened.pool?.ready.then(
      () => options.logger.info({ event: 'tutor_ready', engineThreads: options.engineThreads, ms: Date.now() - started }, 'tutor threads ready'),
      (error: unknown) => options.logger.error({ event: 'tutor_threads_failed', err: error }, 'the tutor threads could not start: turns fail until the server is restarted'),
    );
    return new TutorRuntime(opened, options);
  }

  get kb(): KnowledgeBase {
    return this.current.kb;
  }

  get search(): ItemSearch {
    return this.current.search;
  }

  get tutor(): OpenedTutor['tutor'] {
    return this.current.tutor;
  }

  /** Watches the notes; a burst of changes triggers one rebuild after the debounce. */
  watch(): void {
    this.watcher = watch(this.options.kbDir, { recursive: true }, () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.rebuilding = this.rebuilding.then(() => this.rebuild());
      }, this.options.debounceMs);
    });
    this.watcher.on('error', (error) => this.options.logger.warn({ event: 'kb_watch_failed', err: error }, 'cannot watch the knowledge base'));
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    try {
      const opened = await openEngine(this.options);
      await opened.pool?.ready;
      if (opened.kb.fingerprint === this.current.kb.fingerprint) {
        await opened.pool?.close();
        return;
      }
      const previous = this.current;
      this.current = opened;
      // Turns already on the old threads finish there; new turns go to the new ones.
      void previous.pool?.close();
      this.options.logger.info({ event: 'kb_reloaded', items: opened.kb.items.length, ms: Date.now() - started }, 'knowledge base reloaded');
    } catch (error) {
      this.options.logger.error({ event: 'kb_reload_failed', err: error }, 'kept the previous knowledge base');
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.rebuilding;
    await this.current.pool?.close();
  }
}
