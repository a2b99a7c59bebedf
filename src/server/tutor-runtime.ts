import { watch, type FSWatcher } from 'node:fs';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { withLanguageModel } from '../llm/llm-tutor';
import type { LlmOptions } from '../llm/llm-options';
import { openTutor, type OpenedTutor } from '../tutor/open-tutor';
import type { Logger } from './logger';

/**
 * The knowledge base, its index and the tutor built on them, rebuilt in the background when the
 * notes change on disk and swapped in at once: a turn in flight keeps the tutor it started with,
 * the next turn gets the new one, and no connection is dropped.
 */
interface RuntimeOptions {
  kbDir: string;
  cacheDir?: string;
  llm?: LlmOptions;
  logger: Logger;
  debounceMs: number;
}

/** Opens kb + index + tutor, with the model in front of the tutor when one is configured. */
async function openEngine(options: RuntimeOptions): Promise<OpenedTutor> {
  const opened = await openTutor({ kbDir: options.kbDir, ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}) });
  const tutor = withLanguageModel(opened, options.llm, (reason) => options.logger.warn({ event: 'llm_fallback', reason }, 'answered by the embedded tutor'));
  return { ...opened, tutor };
}

export class TutorRuntime {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private rebuilding = Promise.resolve();

  private constructor(
    private current: OpenedTutor,
    private readonly options: RuntimeOptions,
  ) {}

  static async open(options: RuntimeOptions): Promise<TutorRuntime> {
    const started = Date.now();
    const opened = await openEngine(options);
    options.logger.info({ event: 'kb_loaded', items: opened.kb.items.length, problems: opened.kb.problems.length, ms: Date.now() - started }, 'knowledge base loaded');
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
      if (opened.kb.fingerprint === this.current.kb.fingerprint) return;
      this.current = opened;
      this.options.logger.info({ event: 'kb_reloaded', items: opened.kb.items.length, ms: Date.now() - started }, 'knowledge base reloaded');
    } catch (error) {
      this.options.logger.error({ event: 'kb_reload_failed', err: error }, 'kept the previous knowledge base');
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.watcher?.close();
    await this.rebuilding;
  }
}
