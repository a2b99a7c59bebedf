const KEY = 'loss-tutor.learner';

/** The learner profile's id lives in the browser: reviews and progress outlive every conversation. */
export const savedLearner = (): string | null => localStorage.getItem(KEY);
export const saveLearner = (id: string): void => localStorage.setItem(KEY, id);
