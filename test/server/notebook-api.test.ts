import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, startServerProcess, tempDatabase, type ServerProcess } from '../support/server-process';
import { vaultFiles } from '../support/vault-files';

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const asUpload = (files: { name: string; bytes: Buffer }[]) => ({ files: files.map((f) => ({ name: f.name, base64: f.bytes.toString('base64') })) });

describe('the notebook API', () => {
  const db = tempDatabase();
  let server: ServerProcess;
  const limits = ['--max-file-bytes', '20000', '--max-notebook-bytes', '60000', '--max-notebook-files', '12'];
  beforeAll(async () => {
    server = await startServerProcess({ db, args: limits });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const api = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${server.url}/api/notebooks${path}`, init);
    return { status: response.status, body: response.status === 204 ? undefined : ((await response.json()) as Record<string, any>) };
  };
  const create = async (name: string) => (await api('', json({ name }))).body! as { id: string; name: string };

  it('creates a notebook from a vault: notes become items at once, unreadable files are listed with reasons, warnings sit beside their source', async () => {
    const notebook = await create('Ranking losses');
    expect(Buffer.from(notebook.id, 'base64url').length).toBe(18);
    const { status, body } = await api(`/${notebook.id}/sources`, json(asUpload(vaultFiles())));
    expect(status).toBe(200);
    expect(body!['added'].map((s: { name: string }) => s.name).sort()).toEqual(['Loss notes/012 Huber loss.md', 'Loss notes/Contrastive loss.md', 'Loss notes/Ranking/035 Triplet margin loss.md', 'Loss notes/Sneaky note.md']);
    const refused = Object.fromEntries(body!['refused'].map((r: { name: string; message: string }) => [r.name, r.message]));
    expect(refused['Loss notes/diagram.png']).toMatch(/binary file/);
    expect(refused['Loss notes/old notes latin1.md']).toMatch(/not valid UTF-8/);
    const items = (await api(`/${notebook.id}/items`)).body as unknown as { item: number; title: string }[];
    expect(items.find((i) => i.item === 35)?.title).toMatch(/Triplet margin/);
    const sources = (await api(`/${notebook.id}/sources`)).body as unknown as { name: string; warnings: { code: string }[] }[];
    expect(sources.find((s) => s.name.endsWith('Contrastive loss.md'))?.warnings.map((w) => w.code)).toContain('broken_link');
    // The same bytes again are not stored twice.
    const again = (await api(`/${notebook.id}/sources`, json(asUpload(vaultFiles().slice(0, 1))))).body!;
    expect(again['added']).toEqual([]);
    expect(again['unchanged']).toHaveLength(1);
  });

  it('turns a pasted numbered list into numbered items, and answers a chat in that notebook from them', async () => {
    const notebook = await create('Pasted');
    const paste = 'My exam list\n7) Dice loss measures overlap between predicted and true masks.\n8) Tversky loss weighs false positives and false negatives separately.\n• 9. Lovász loss optimises the Jaccard index directly.';
    const { body } = await api(`/${notebook.id}/sources`, json({ paste }));
    expect(body!['added'][0].items).toEqual([7, 8, 9]);
    const client = new ChatClient(`${server.wsUrl}?notebook=${notebook.id}`);
    const welcome = await client.welcome();
    expect(welcome['notebook']).toMatchObject({ id: notebook.id, items: 3 });
    const answer = await client.ask('a1', 'what is item 8?');
    expect(String(answer['text'])).toMatch(/false positives and false negatives/);
    expect((answer['citations'] as { item: number }[]).map((c) => c.item)).toContain(8);
    client.close();
  });

  it('refuses what is over the limits with its code and message, keeping the files that fit', async () => {
    const notebook = await create('Limits');
    const big = { name: 'big.md', bytes: Buffer.from(`# Big\n\n${'word '.repeat(5000)}`) };
    const small = { name: 'small.md', bytes: Buffer.from('# Small\n\nSmall notes are fine.') };
    const { status, body } = await api(`/${notebook.id}/sources`, json(asUpload([big, small])));
    expect(status).toBe(200);
    expect(body!['refused']).toEqual([expect.objectContaining({ name: 'big.md', code: 'file_too_large', message: expect.stringMatching(/over the 20 KiB a file may have/) })]);
    expect(body!['added'].map((s: { name: string }) => s.name)).toEqual(['small.md']);
    const many = Array.from({ length: 12 }, (_, n) => ({ name: `n${n}.md`, bytes: Buffer.from(`# Note ${n}\n\nText ${n}.`) }));
    const tooMany = await api(`/${notebook.id}/sources`, json(asUpload(many)));
    expect(tooMany).toMatchObject({ status: 413, body: { error: { code: 'too_many_files', message: expect.stringMatching(/13 files, over the 12/) } } });
    const heavy = Array.from({ length: 4 }, (_, n) => ({ name: `h${n}.md`, bytes: Buffer.from(`# Heavy ${n}\n\n${'text '.repeat(3900)}`) }));
    expect(await api(`/${notebook.id}/sources`, json(asUpload(heavy)))).toMatchObject({ status: 413, body: { error: { code: 'notebook_too_large' } } });
    expect(await api(`/${notebook.id}/sources`, json({ files: [{ name: '../escape.md', text: '# x' }] }))).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(await api(`/no-such-notebook/sources`, json({ paste: '1. a\n2. b\n3. c' }))).toMatchObject({ status: 404, body: { error: { code: 'notebook_not_found' } } });
    const sources = (await api(`/${notebook.id}/sources`)).body as unknown as unknown[];
    expect(sources).toHaveLength(1);
  });

  it('reads a .zip of a vault, and refuses a broken archive', async () => {
    const notebook = await create('Zipped');
    const zip = zipSync(Object.fromEntries(vaultFiles().map((f) => [`vault/${f.name}`, new Uint8Array(f.bytes)])).valueOf() as Record<string, Uint8Array>);
    const { body } = await api(`/${notebook.id}/sources`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: Buffer.from(zip) });
    expect(body!['added']).toHaveLength(4);
    const broken = await api(`/${notebook.id}/sources`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: Buffer.from('PK not really a zip') });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'bad_archive' } } });
  });

  it('takes concurrent uploads to one notebook without losing any, and renames and removes', async () => {
    const notebook = await create('Busy');
    const uploads = Array.from({ length: 8 }, (_, n) => api(`/${notebook.id}/sources`, json({ files: [{ name: `c${n}.md`, text: `# Concurrent ${n}\n\nNote number ${n} of eight.` }] })));
    const results = await Promise.all(uploads);
    expect(results.every((r) => r.status === 200 && r.body!['added'].length === 1)).toBe(true);
    const sources = (await api(`/${notebook.id}/sources`)).body as unknown as { id: string; name: string }[];
    expect(sources.map((s) => s.name)).toEqual(Array.from({ length: 8 }, (_, n) => `c${n}.md`));
    expect((await api(`/${notebook.id}/items`)).body).toHaveLength(8);
    expect((await api(`/${notebook.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Renamed' }) })).body).toMatchObject({ name: 'Renamed' });
    expect((await api(`/${notebook.id}/sources/${sources[0]!.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/${notebook.id}/items`)).body).toHaveLength(7);
    expect((await api(`/${notebook.id}/sources/${sources[0]!.id}`, { method: 'DELETE' })).body).toMatchObject({ error: { code: 'source_not_found' } });
  });

  it('keeps notebooks, their items and their conversations across a restart', async () => {
    const notebook = await create('Survives');
    await api(`/${notebook.id}/sources`, json(asUpload(vaultFiles())));
    const first = new ChatClient(`${server.wsUrl}?notebook=${notebook.id}`);
    const sessionId = (await first.welcome())['sessionId'];
    await first.ask('r1', 'tell me about item #35');
    first.close();
    await server.stop();
    server = await startServerProcess({ db, args: limits });
    expect((await api(`/${notebook.id}`)).body).toMatchObject({ name: 'Survives', items: 4 });
    const resumed = new ChatClient(`${server.wsUrl}?notebook=${notebook.id}&session=${sessionId}`);
    const welcome = await resumed.welcome();
    expect(welcome['sessionId']).toBe(sessionId);
    expect((welcome['history'] as { text: string }[])[0]?.text).toBe('tell me about item #35');
    const answer = await resumed.ask('r2', 'what is item 35?');
    expect(String(answer['text'])).toMatch(/anchor/);
    resumed.close();
    // Another notebook's conversation is not resumed in this one, and an unknown notebook is refused.
    const other = await create('Other');
    const elsewhere = new ChatClient(`${server.wsUrl}?notebook=${other.id}&session=${sessionId}`);
    expect((await elsewhere.welcome())['sessionId']).not.toBe(sessionId);
    elsewhere.close();
    const unknown = new ChatClient(`${server.wsUrl}?notebook=nope`);
    expect(await unknown.closed).toMatchObject({ code: 4404 });
  });
});

describe('the notebook parse-time limit', () => {
  it('refuses an upload whose notes take longer to read than --max-parse-ms, and the server goes on', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--max-parse-ms', '1'] });
    try {
      const { id } = (await (await fetch(`${server.url}/api/notebooks`, json({ name: 'slow' }))).json()) as { id: string };
      const many = Array.from({ length: 200 }, (_, n) => ({ name: `note ${n}.md`, bytes: Buffer.from(`# Note ${n}\n\n${'Cross-entropy compares two distributions. '.repeat(40)}\n\n## Pitfalls\n\nSee [[note ${n + 1}]].`) }));
      const response = await fetch(`${server.url}/api/notebooks/${id}/sources`, json(asUpload(many)));
      expect(response.status).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'parse_timeout', message: expect.stringMatching(/over 1 ms, the server's limit/) } });
      expect((await fetch(`${server.url}/api/items`)).status).toBe(200);
      expect(await (await fetch(`${server.url}/api/notebooks/${id}/sources`)).json()).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
