/** Spaces over a part of the text the reader has taken, so later readers skip it and positions stay put. */
export const blank = (text: string, start: number, end: number): string => text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
