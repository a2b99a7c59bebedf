import { resolve } from 'node:path';
import { loadKnowledgeBase } from '../kb/knowledge-base';
import type { KnowledgeBase } from '../kb/item';
import { bundledKnowledgeDir, type CliIo } from './io';

/** The --kb flag every command takes: a folder of notes, or the bundled knowledge base. */
export const kbFlag = { kb: { type: 'string' }, json: { type: 'boolean' } } as const;

export function knowledgeDir(kb: string | undefined, io: CliIo): string {
  return kb === undefined ? bundledKnowledgeDir : resolve(io.cwd, kb);
}

export function openKnowledgeBase(kb: string | undefined, io: CliIo): Promise<KnowledgeBase> {
  return loadKnowledgeBase(knowledgeDir(kb, io));
}
