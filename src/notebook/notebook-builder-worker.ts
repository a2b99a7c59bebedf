/** What a NotebookBuilder's thread runs: one notebook's files → its knowledge base, per message. */
import { parentPort } from 'node:worker_threads';
import { notebookKb } from './notebook-kb';
import type { BuildReply, BuildRequest } from './notebook-builder';

const port = parentPort!;
port.on('message', async ({ id, label, files }: BuildRequest) => {
  let reply: BuildReply;
  try {
    reply = { id, built: await notebookKb(label, files.map((file) => ({ name: file.name, bytes: Buffer.from(file.bytes) }))) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
