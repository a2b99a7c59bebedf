import type { Section } from './item';
import { cleanMarkup, dropRepeatedParagraphs } from './plain-text';

/**
 * Chat and prompt transcripts: Llama-3 headers (<|start_header_id|>user<|end_header_id|> … <|eot_id|>),
 * ChatML (<|im_start|>user … <|im_end|>), or "User:" / "Assistant:" lines. Special tokens are removed
 * and each turn becomes a section named by its role.
 */
const SPECIAL_TOKEN = /<\|[a-z_]+\|>/g;
const LLAMA_TURN = /<\|start_header_id\|>\s*(\w+)\s*<\|end_header_id\|>([\s\S]*?)(?=<\|start_header_id\|>|$)/g;
const CHATML_TURN = /<\|im_start\|>\s*(\w+)\s*\n([\s\S]*?)(?:<\|im_end\|>|$)/g;
const ROLE_LINE = /^(user|assistant|system|human|ai|bot|tutor|learner|student)\s*[:：]\s*/i;
/** Separators some tools print between a prompt and the model's reply. */
const OUTPUT_SEPARATOR = /^=+\s*[A-Z ]*OUTPUT[A-Z ]*=*\s*$/m;

export interface Turn {
  role: string;
  text: string;
}

export function isTranscript(text: string): boolean {
  if (/<\|(start_header_id|im_start|eot_id|begin_of_text)\|>/.test(text)) return true;
  const roleLines = text.split(/\r?\n/).filter((line) => ROLE_LINE.test(line)).length;
  return roleLines >= 2 && /^(user|human|learner|student)\s*[:：]/im.test(text) && /^(assistant|ai|bot|tutor)\s*[:：]/im.test(text);
}

const roleName = (role: string): string => {
  const lower = role.toLowerCase();
  if (['human', 'learner', 'student'].includes(lower)) return 'user';
  if (['ai', 'bot', 'tutor'].includes(lower)) return 'assistant';
  return lower;
};

function tokenTurns(text: string): Turn[] {
  const pattern = text.includes('<|im_start|>') ? CHATML_TURN : LLAMA_TURN;
  const turns: Turn[] = [];
  for (const match of text.matchAll(pattern)) {
    const [prompt, ...outputs] = match[2]!.split(OUTPUT_SEPARATOR);
    turns.push({ role: roleName(match[1]!), text: prompt!.replace(SPECIAL_TOKEN, '').trim() });
    for (const output of outputs) turns.push({ role: 'assistant', text: output.replace(SPECIAL_TOKEN, '').trim() });
  }
  return turns;
}

function lineTurns(text: string): Turn[] {
  const turns: Turn[] = [];
  for (const line of text.split(/\r?\n/)) {
    const role = ROLE_LINE.exec(line);
    if (role) turns.push({ role: roleName(role[1]!), text: line.slice(role[0].length) });
    else if (turns.length > 0) turns[turns.length - 1]!.text += `\n${line}`;
  }
  return turns;
}

/** The turns worth reading: empty turns and prompt templates ({knowledge} placeholders) dropped. */
export function parseTranscript(text: string): Turn[] {
  const turns = text.includes('<|') ? tokenTurns(text) : lineTurns(text);
  return turns
    .map((turn) => ({ role: turn.role, text: cleanMarkup(turn.text).text }))
    .filter((turn) => turn.text !== '' && !/\{[a-z_]+\}/.test(turn.text));
}

export function transcriptSections(turns: Turn[]): Section[] {
  const counts = new Map<string, number>();
  return turns.map((turn) => {
    const n = (counts.get(turn.role) ?? 0) + 1;
    counts.set(turn.role, n);
    const heading = `${turn.role[0]!.toUpperCase()}${turn.role.slice(1)} ${n}`;
    return { name: `${turn.role}-${n}`, heading, text: dropRepeatedParagraphs(turn.text.split(/\n\s*\n/)).join('\n\n') };
  });
}
