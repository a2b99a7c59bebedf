import { currentNotebook } from './notebook-state';

// Each notebook has its own conversation; the server's notes keep the key they always had.
const KEY = currentNotebook ? `loss-tutor.session.${currentNotebook}` : 'loss-tutor.session';

/** The conversation's id lives in the browser, so a reload resumes the same conversation. */
export const savedSession = (): string | null => localStorage.getItem(KEY);
export const saveSession = (id: string): void => localStorage.setItem(KEY, id);
export const forgetSession = (): void => localStorage.removeItem(KEY);
