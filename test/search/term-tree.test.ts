import fc from 'fast-check';
import MiniSearch, { type Options } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { describe, expect, it } from 'vitest';
import { bundledKnowledgeDir } from '../../src/cli/io';
import { loadKnowledgeBase } from '../../src/kb/knowledge-base';
import { indexedFields, itemDocuments, type ItemDocument } from '../../src/search/item-document';
import { TermTree } from '../../src/search/term-tree';

class OverTermTree extends MiniSearch<ItemDocument> {
  constructor(options: Options<ItemDocument>) {
    super(options);
    this._index = new TermTree() as unknown as typeof this._index;
  }
}

const operation = fc.oneof(
  fc.record({ op: fc.constant('fetch' as const), key: fc.string({ maxLength: 4 }) }),
  fc.record({ op: fc.constant('set' as const), key: fc.string({ maxLength: 4 }), value: fc.integer() }),
  fc.record({ op: fc.constant('update' as const), key: fc.string({ maxLength: 4 }) }),
  fc.record({ op: fc.constant('delete' as const), key: fc.string({ maxLength: 4 }) }),
  fc.record({ op: fc.constant('clear' as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function apply(map: SearchableMap<{ n: number }>, operation: Operation): void {
  switch (operation.op) {
    case 'fetch':
      map.fetch(operation.key, () => ({ n: 0 })).n += 1;
      break;
    case 'set':
      map.set(operation.key, { n: operation.value });
      break;
    case 'update':
      map.update(operation.key, (value) => ({ n: (value?.n ?? 0) + 10 }));
      break;
    case 'delete':
      map.delete(operation.key);
      break;
    case 'clear':
      map.clear();
  }
}

describe('TermTree', () => {
  it('holds what a plain SearchableMap holds after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 20 }), (operations, probes) => {
        const tree = new TermTree<{ n: number }>();
        const plain = new SearchableMap<{ n: number }>();
        for (const operation of operations) apply(tree, operation), apply(plain, operation);
        expect([...tree.entries()]).toEqual([...plain.entries()]);
        for (const key of [...probes, ...operations.flatMap((o) => ('key' in o ? [o.key] : []))]) {
          expect(tree.get(key)).toEqual(plain.get(key));
          expect(tree.has(key)).toBe(plain.has(key));
        }
      }),
    );
  });

  it('gives MiniSearch the same index as its own tree, and the same after a note is removed', async () => {
    const documents = itemDocuments(await loadKnowledgeBase(bundledKnowledgeDir));
    const options = { fields: [...indexedFields], storeFields: ['item'] };
    const ours = new OverTermTree(options);
    const plain = new MiniSearch<ItemDocument>(options);
    ours.addAll(documents);
    plain.addAll(documents);
    expect(ours.toJSON()).toEqual(plain.toJSON());
    ours.remove(documents[0]!);
    plain.remove(documents[0]!);
    expect(ours.toJSON()).toEqual(plain.toJSON());
    expect(ours.search('weighted loss quantity', { fuzzy: 0.2, prefix: true })).toEqual(plain.search('weighted loss quantity', { fuzzy: 0.2, prefix: true }));
  });
});
