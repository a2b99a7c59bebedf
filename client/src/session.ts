const KEY = 'loss-tutor.session';

/** The conversation's id lives in the browser, so a reload resumes the same conversation. */
export const savedSession = (): string | null => localStorage.getItem(KEY);
export const saveSession = (id: string): void => localStorage.setItem(KEY, id);
export const forgetSession = (): void => localStorage.removeItem(KEY);
