import SearchableMap from 'minisearch/SearchableMap';

/**
 * MiniSearch's radix tree of terms with a hash map beside it from each term to its entry.
 * MiniSearch fetches a term's entry once for every time a note says the term, and the tree finds it
 * by walking down from the root, scanning each node's children; a note repeats most of its words,
 * so all but the first fetch of a term are a hash lookup here. Prefix and fuzzy matching still walk
 * the tree, which holds the same entries.
 *
 * Every change made through this object keeps the map exact. The views that atPrefix() returns are
 * read-only to MiniSearch, which never writes through them.
 */
export class TermTree<T> extends SearchableMap<T> {
  private readonly byTerm = new Map<string, T>();

  override fetch(term: string, initial: () => T): T {
    let entry = this.byTerm.get(term);
    if (entry === undefined) this.byTerm.set(term, (entry = super.fetch(term, initial)));
    return entry;
  }

  override get(term: string): T | undefined {
    return this.byTerm.get(term);
  }

  override has(term: string): boolean {
    return this.byTerm.has(term);
  }

  override set(term: string, value: T): this {
    super.set(term, value);
    this.byTerm.set(term, value);
    return this;
  }

  override update(term: string, change: (value: T | undefined) => T): this {
    return this.set(term, change(this.byTerm.get(term)));
  }

  override delete(term: string): void {
    super.delete(term);
    this.byTerm.delete(term);
  }

  override clear(): void {
    super.clear();
    this.byTerm.clear();
  }
}
