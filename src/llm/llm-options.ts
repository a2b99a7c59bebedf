import { z } from 'zod';

/** The optional model: off unless a base URL is configured (flags win over the environment). */
export const llmOptionsSchema = z.object({
  url: z.string().url('the model URL must be an absolute http(s) URL such as http://127.0.0.1:8080/v1'),
  model: z.string().min(1).default('default'),
  key: z.string().min(1).optional(),
  timeoutMs: z.coerce.number().int().positive().default(30_000),
  maxToolRounds: z.coerce.number().int().min(1).max(10).default(4),
  maxAnswerChars: z.coerce.number().int().min(1000).default(16_000),
});

export type LlmOptions = z.output<typeof llmOptionsSchema>;

export interface LlmFlags {
  'llm-url'?: string;
  'llm-model'?: string;
  'llm-key'?: string;
}

export const llmFlagOptions = { 'llm-url': { type: 'string' }, 'llm-model': { type: 'string' }, 'llm-key': { type: 'string' } } as const;

/** The model's settings from --llm-* flags and LOSS_TUTOR_LLM_* variables, or undefined when none is set. */
export function llmOptionsFrom(flags: LlmFlags, env: NodeJS.ProcessEnv): LlmOptions | undefined {
  const url = flags['llm-url'] ?? env['LOSS_TUTOR_LLM_URL'];
  if (url === undefined || url === '') return undefined;
  const parsed = llmOptionsSchema.safeParse({
    url,
    model: flags['llm-model'] ?? env['LOSS_TUTOR_LLM_MODEL'],
    key: flags['llm-key'] ?? env['LOSS_TUTOR_LLM_KEY'],
    timeoutMs: env['LOSS_TUTOR_LLM_TIMEOUT_MS'],
    maxAnswerChars: env['LOSS_TUTOR_LLM_MAX_CHARS'],
  });
  if (!parsed.success) throw new Error(`the language model settings are invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
