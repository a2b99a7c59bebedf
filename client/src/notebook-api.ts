/** The server's /api/notebooks (docs/protocol.md), as the panel uses it. */
export interface Warning {
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface Source {
  id: string;
  name: string;
  bytes: number;
  warnings: Warning[];
  /** The items it makes now (GET /api/notebooks/:id only). */
  items?: number[];
}

export interface Notebook {
  id: string;
  name: string;
  items?: number;
  sources?: Source[];
}

export interface Refused {
  name: string;
  code: string;
  message: string;
}

export interface UploadResult {
  added: (Source & { items: number[] })[];
  unchanged: Source[];
  refused: Refused[];
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`/api/notebooks${path}`, init);
  if (response.status === 204) return undefined as T;
  const body = (await response.json().catch(() => ({ error: { code: 'internal', message: `the server answered ${response.status}` } }))) as T & { error?: { code: string; message: string } };
  if (!response.ok) throw new ApiError(body.error?.code ?? 'internal', body.error?.message ?? `the server answered ${response.status}`);
  return body;
}

const jsonBody = (method: string, body: unknown): RequestInit => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const path = (id: string) => `/${encodeURIComponent(id)}`;

export const createNotebook = (name: string) => call<Notebook>('', jsonBody('POST', { name }));
export const getNotebook = (id: string) => call<Notebook>(path(id));
export const renameNotebook = (id: string, name: string) => call<Notebook>(path(id), jsonBody('PATCH', { name }));
export const listNotebooks = (ids: string[]) => call<Notebook[]>(`?ids=${ids.map(encodeURIComponent).join(',')}`);
export const removeSource = (id: string, source: string) => call<void>(`${path(id)}/sources/${encodeURIComponent(source)}`, { method: 'DELETE' });
export const pasteText = (id: string, paste: string) => call<UploadResult>(`${path(id)}/sources`, jsonBody('POST', { paste }));

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** One file: a .zip goes as it is (the server opens the vault), any other file as base64 in JSON. */
export async function uploadFile(id: string, name: string, file: Blob): Promise<UploadResult> {
  if (/\.zip$/i.test(name)) return call<UploadResult>(`${path(id)}/sources`, { method: 'POST', headers: { 'content-type': 'application/zip' }, body: file });
  return call<UploadResult>(`${path(id)}/sources`, jsonBody('POST', { files: [{ name, base64: base64(new Uint8Array(await file.arrayBuffer())) }] }));
}
