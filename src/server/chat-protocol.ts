import { z } from 'zod';

/** Frames a client may send (CONTRACTS.md, docs/protocol.md). */
export const clientFrameSchema = z.discriminatedUnion('type', [
  // `notebook`, when sent, must be the conversation's own: a conversation answers from one notebook.
  z.object({ type: z.literal('ask'), id: z.string().min(1).max(200), text: z.string().trim().min(1), notebook: z.string().min(1).max(100).optional() }),
  z.object({ type: z.literal('feedback'), messageId: z.string().min(1).max(200), rating: z.enum(['up', 'down']), comment: z.string().max(2000).optional() }),
]);

export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** Stable error codes of the chat protocol, documented in docs/protocol.md. */
export type ChatErrorCode = 'bad_request' | 'too_large' | 'rate_limited' | 'over_budget' | 'not_found' | 'unavailable' | 'internal';

export interface ErrorFrame {
  type: 'error';
  replyTo?: string;
  code: ChatErrorCode;
  message: string;
}
