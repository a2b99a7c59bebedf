/**
 * Which loss a question names. The calculator's own list of losses (ids, names, aliases) is the
 * vocabulary; a few Chinese names are added here because the calculator speaks only English.
 * A name that several losses share, or that is part of the names of several others ("hinge",
 * "cross entropy"), is ambiguous: the tutor asks rather than guesses.
 */
export interface LossNames {
  id: string;
  name: string;
  aliases?: readonly string[];
}

export type LossMention =
  | { status: 'found'; id: string; matched: string }
  | {
      status: 'ambiguous';
      matched: string;
      candidates: string[];
      /** The loss whose own name this is ("hinge" → hinge): the item to read about, not a loss to compute. */
      exact?: string;
    };

const extraNames: Record<string, string[]> = {
  combined: ['weighted loss', 'weighted losses', 'weighted loss function', 'weighted sum of losses', 'combined loss', '加權損失', '組合損失'],
  mse: ['均方誤差'],
  mae: ['平均絕對誤差'],
  rmse: ['均方根誤差'],
  huber: ['胡伯損失'],
  bce: ['二元交叉熵'],
  'cross-entropy': ['交叉熵'],
  'kl-div': ['kl散度', 'kl 散度'],
  hinge: ['鉸鏈損失'],
  focal: ['焦點損失'],
  dice: ['dice 損失'],
};

const han = /\p{Script=Han}/u;

// Names too short or too common to mean a loss on their own ("L2 regularisation" is not MSE).
const ordinaryWords = new Set(['combined', 'weighted', 'margin', 'ranking', 'l1', 'l2', 'ce', 'kl', 'total loss']);

/** Names compare in lower case with hyphens and underscores as spaces: "Smooth_L1" is "smooth l1". */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();
}

export interface LossFinder {
  find(text: string): LossMention[];
  /** The display name of a loss id. */
  nameOf(id: string): string;
  /** The text with a misspelt word of a loss's name spelt right ("cross entrophy"), when that names a loss. */
  spellNames(text: string): string;
}

/** Whether two words are one edit apart: a letter added, dropped or changed, or two neighbours swapped. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export function createLossFinder(losses: readonly LossNames[]): LossFinder {
  const idsByPhrase = new Map<string, Set<string>>();
  const add = (phrase: string, id: string): void => {
    const key = normaliseName(phrase);
    if (key.length < 2 || ordinaryWords.has(key)) return;
    const ids = idsByPhrase.get(key) ?? new Set<string>();
    ids.add(id);
    idsByPhrase.set(key, ids);
  };
  // A loss's own full name means that loss, even when longer names contain it ("hinge loss", not "squared hinge loss").
  const fullNames = new Map<string, string>();
  for (const loss of losses) {
    for (const phrase of [loss.id, loss.name, ...(loss.aliases ?? []), ...(extraNames[loss.id] ?? [])]) add(phrase, loss.id);
    fullNames.set(normaliseName(loss.name), loss.id);
  }
  // Only long words are respelt: a short one is one edit from too many others ("mean", "mae").
  const nameWords = new Set([...idsByPhrase.keys()].flatMap((phrase) => phrase.match(/[a-z]{6,}/g) ?? []));
  // Padded once: containing() compares every name with every other, hundreds squared at start-up.
  const padded = [...idsByPhrase].map(([phrase, ids]) => ({ phrase, words: ` ${phrase} `, ids }));

  /** Losses other than `ids` whose longer names contain `phrase` as whole words. */
  const containing = (phrase: string, ids: Set<string>): string[] => {
    const words = ` ${phrase} `;
    const others = new Set<string>();
    for (const other of padded) {
      if (other.phrase === phrase || !other.words.includes(words)) continue;
      for (const id of other.ids) if (!ids.has(id)) others.add(id);
    }
    return [...others];
  };

  const mentionOf = (phrase: string): LossMention => {
    const ids = idsByPhrase.get(phrase) ?? new Set<string>();
    const others = containing(phrase, ids);
    const [only] = ids;
    const named = ids.size === 1 && only !== undefined && fullNames.get(phrase) === only;
    if (ids.size === 1 && only !== undefined && (others.length < 2 || named)) return { status: 'found', id: only, matched: phrase };
    const mention: LossMention = { status: 'ambiguous', matched: phrase, candidates: [...ids, ...others] };
    if (ids.size === 1 && only !== undefined) mention.exact = only;
    return mention;
  };

  // Longest first, so "cross entropy" inside "binary cross entropy" is claimed by the longer name.
  // Patterns and mentions are built once: find() runs several times a turn.
  const matchers = [...idsByPhrase.keys()]
    .sort((a, b) => b.length - a.length)
    .map((phrase, order) => {
      const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pattern = han.test(phrase) ? new RegExp(escaped, 'g') : new RegExp(`(?<![a-z0-9])${escaped}s?(?![a-z0-9])`, 'g');
      return { order, phrase, pattern, mention: mentionOf(phrase) };
    });
  type Matcher = (typeof matchers)[number];
  // A Latin name can only match where its first word is a word of the text (or, for a one-word
  // name, that word with a plural s): only those names are tried.
  const byFirstWord = new Map<string, Matcher[]>();
  const alwaysTried: Matcher[] = [];
  for (const matcher of matchers) {
    const first = /^[a-z0-9]+(?= |$)/.exec(matcher.phrase)?.[0];
    if (first === undefined || han.test(matcher.phrase)) alwaysTried.push(matcher);
    else byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), matcher]);
  }
  const candidatesFor = (normalised: string): Matcher[] => {
    const words = new Set(normalised.match(/[a-z0-9]+/g));
    const tried = [...alwaysTried];
    for (const word of words) {
      tried.push(...(byFirstWord.get(word) ?? []));
      if (word.endsWith('s')) tried.push(...(byFirstWord.get(word.slice(0, -1)) ?? []).filter((m) => !m.phrase.includes(' ')));
    }
    return tried.sort((a, b) => a.order - b.order);
  };

  return {
    find(text: string): LossMention[] {
      const normalised = normaliseName(text);
      let rest = ` ${normalised} `;
      const found: { index: number; mention: LossMention }[] = [];
      for (const { phrase, pattern, mention } of candidatesFor(normalised)) {
        if (!rest.includes(phrase)) continue;
        for (const match of rest.matchAll(pattern)) {
          const index = match.index ?? 0;
          found.push({ index, mention });
          // Claim the span so a shorter name inside it is not found again.
          rest = rest.slice(0, index) + '\u0000'.repeat(match[0].length) + rest.slice(index + match[0].length);
        }
      }
      return found.sort((a, b) => a.index - b.index).map((f) => f.mention);
    },
    nameOf(id: string): string {
      return losses.find((loss) => loss.id === id)?.name ?? id;
    },
    spellNames(text: string): string {
      const spelt = text.replace(/[A-Za-z]{6,}/g, (word) => {
        const lower = word.toLowerCase();
        if (nameWords.has(lower)) return word;
        const near = [...nameWords].filter((known) => oneEditApart(lower, known));
        return near.length === 1 ? near[0]! : word;
      });
      return spelt !== text && this.find(spelt).length > this.find(text).length ? spelt : text;
    },
  };
}
