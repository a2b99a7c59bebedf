export interface SearchOptions {
  limit?: number;
  /** Prefer text in this language ("en", "zh-Hant"); other languages still match. */
  lang?: string;
}

export interface SearchHit {
  item: number;
  score: number;
  /** The language of the text that matched best. */
  lang: string;
  /** The query terms that matched, for explaining a result. */
  terms: string[];
}

export interface ItemSearch {
  search(query: string, options?: SearchOptions): SearchHit[];
}
