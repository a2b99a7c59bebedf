import { z } from 'zod';
import { parseDocument } from '../document';
import { titleFromFileName } from '../raw-note';
import { emptyFile, extensionOf, problem, type NoteFormat } from './note-format';

const text = z.union([z.string(), z.array(z.string()).transform((lines) => lines.join(''))]);
const notebook = z.object({
  cells: z.array(
    z.object({
      cell_type: z.string(),
      source: text.default(''),
      outputs: z.array(z.object({ output_type: z.string(), name: z.string().optional(), text: text.optional(), data: z.object({ 'text/plain': text.optional() }).passthrough().optional() }).passthrough()).optional(),
    }),
  ),
  metadata: z.object({ kernelspec: z.object({ language: z.string().optional() }).passthrough().optional(), language_info: z.object({ name: z.string().optional() }).passthrough().optional() }).passthrough().optional(),
});

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
/** A printed result short enough to read is kept; images, tracebacks and long dumps are not. */
const SHORT_OUTPUT = 400;

/** Jupyter notebooks: Markdown cells as text, code cells as fenced code, short printed output kept. */
export const jupyter: NoteFormat = {
  name: 'jupyter',
  recognise: (file) => extensionOf(file.source) === 'ipynb',
  parse(file) {
    let parsed: z.infer<typeof notebook>;
    try {
      parsed = notebook.parse(JSON.parse(file.text));
    } catch {
      return { notes: [], problems: [problem(file.source, 'parse_error', `${file.source} was skipped: it is not a readable notebook (JSON with cells); save it again from Jupyter.`)] };
    }
    const lang = parsed.metadata?.language_info?.name ?? parsed.metadata?.kernelspec?.language ?? 'python';
    const blocks = parsed.cells.flatMap((cell) => {
      if (cell.cell_type === 'markdown') return [cell.source];
      if (cell.cell_type !== 'code' || cell.source.trim() === '') return [];
      const printed = (cell.outputs ?? [])
        // What a cell printed, and the value of its last expression (`huber(y-p)` → 0.8333…).
        .filter((o) => (o.output_type === 'stream' && o.name !== 'stderr') || o.output_type === 'execute_result')
        .map((o) => (o.output_type === 'stream' ? (o.text ?? '') : (o.data?.['text/plain'] ?? '')).replace(ANSI, ''))
        .join('')
        .trim();
      const code = `\`\`\`${lang}\n${cell.source.replace(/\n$/, '')}\n\`\`\``;
      return printed && printed.length <= SHORT_OUTPUT ? [code, `Output:\n\n\`\`\`text\n${printed}\n\`\`\``] : [code];
    });
    if (blocks.length === 0) return emptyFile(file.source, 'is a notebook with no cells');
    return { notes: parseDocument(file.source, blocks.join('\n\n'), {}, { title: titleFromFileName(file.source), lead: 'Notebook' }), problems: [] };
  },
};
