/**
 * The least a server with loss-tutor's job must do, the baseline of the start-up bench: read every
 * note under a folder, index its text with raw MiniSearch (default options), listen with Express
 * and ws, and answer each question with the top note's text. No parser, no cache, no threads, no
 * database. Usage: node minimal-server.js NOTES_DIR; prints "listening on URL" once it accepts.
 */
import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import express from 'express';
import MiniSearch from 'minisearch';
import { WebSocketServer } from 'ws';

interface Note {
  id: number;
  title: string;
  text: string;
}

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n---\r?\n/;

async function readNotes(dir: string): Promise<Note[]> {
  const files = (await readdir(dir, { recursive: true })).filter((file) => file.endsWith('.md')).sort();
  return Promise.all(
    files.map(async (file, id) => {
      const text = (await readFile(join(dir, file), 'utf8')).replace(FRONT_MATTER, '');
      return { id, title: /^#\s+(.+)$/m.exec(text)?.[1] ?? basename(file, '.md'), text };
    }),
  );
}

async function main(dir: string): Promise<void> {
  const notes = await readNotes(dir);
  const index = new MiniSearch<Note>({ fields: ['title', 'text'] });
  index.addAll(notes);
  const app = express();
  app.get('/health', (_request, response) => response.json({ ok: true, notes: notes.length }));
  const http = createServer(app);
  const wss = new WebSocketServer({ server: http, path: '/ws' });
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'welcome' }));
    socket.on('message', (data) => {
      const question = JSON.parse(data.toString()) as { id?: string; text?: string };
      const top = index.search(question.text ?? '', { fuzzy: 0.2, prefix: true })[0];
      const note = top === undefined ? undefined : notes[top.id as number];
      socket.send(JSON.stringify({ type: 'answer', id: question.id, text: note?.text ?? 'no note answers that' }));
    });
  });
  http.listen(0, '127.0.0.1', () => {
    process.stdout.write(`listening on http://127.0.0.1:${(http.address() as AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => {
    wss.close();
    http.close(() => process.exit(0));
  });
}

main(process.argv[2] ?? '.').catch((error: unknown) => {
  process.stderr.write(`minimal-server: ${String(error)}\n`);
  process.exit(1);
});
