import matter from 'gray-matter';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';

/** The fields a note's front matter may carry (docs/knowledge-format.md); unknown fields are kept out. */
const stringList = z.union([z.array(z.union([z.string(), z.number()]).transform(String)), z.string().transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))]);

const quizEntry = z.object({
  question: z.string().min(1),
  answer: z.string().default(''),
  keywords: z.array(z.array(z.string())).optional(),
});

const exampleCase = z
  .object({ loss: z.string().min(1), inputs: z.record(z.string(), z.unknown()).default({}) })
  .passthrough();

export const frontMatterSchema = z.object({
  item: z.coerce.number().int().positive().optional(),
  title: z.string().min(1).optional(),
  claim: z.string().min(1).optional(),
  aliases: stringList.optional(),
  tags: stringList.optional(),
  lang: z.string().min(2).optional(),
  loss: z.string().min(1).optional(),
  related: z.array(z.coerce.number().int().positive()).optional(),
  example: exampleCase.optional(),
  quiz: z.array(quizEntry).optional(),
  weight: z.coerce.number().optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;

export type FrontMatterKind = 'yaml' | 'toml';

export function frontMatterKind(text: string): FrontMatterKind | undefined {
  if (/^---\r?\n/.test(text)) return 'yaml';
  if (/^\+\+\+\r?\n/.test(text)) return 'toml';
  return undefined;
}

/** YAML aliases a note's front matter may use: nested aliases (a "billion laughs") expand exponentially, and js-yaml 3 has no limit of its own. */
const MAX_YAML_ALIASES = 50;

function refuseAliasBomb(text: string): void {
  const end = text.indexOf('\n---', 3);
  const aliases = (end < 0 ? text : text.slice(0, end)).match(/(?:^|[\s,[{:-])\*[^\s,\]}]+/g)?.length ?? 0;
  if (aliases > MAX_YAML_ALIASES) throw new Error(`the front matter uses ${aliases} YAML aliases (*name), over the ${MAX_YAML_ALIASES} allowed: write the values out instead.`);
}

/** Splits off YAML (---) or TOML (+++) front matter; throws a parse error the loader reports. */
export function splitFrontMatter(text: string, kind: FrontMatterKind): { data: Record<string, unknown>; body: string } {
  if (kind === 'yaml') refuseAliasBomb(text);
  // Options are always passed: without them gray-matter caches by content, and a cached entry
  // of a note whose front matter failed to parse would load silently the second time.
  const parsed =
    kind === 'yaml'
      ? matter(text, {})
      : matter(text, { language: 'toml', delimiters: '+++', engines: { toml: (source: string) => parseToml(source) as object } });
  return { data: parsed.data as Record<string, unknown>, body: parsed.content };
}
