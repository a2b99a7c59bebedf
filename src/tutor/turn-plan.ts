/** Which loss an item is about, for the calculations an answer runs on it. */
import type { Item } from '../kb/item';
import type { TurnContext } from './turn-context';

/** The loss an item is about: its front matter says, or a loss its title or claim names (a learner's list). */
export function lossOf(ctx: TurnContext, item: Item | undefined): string | undefined {
  if (!item) return undefined;
  if (item.loss) return item.loss;
  const named = ctx.finder.find(`${item.title} ${item.claim}`).find((m) => m.status === 'found');
  return named?.status === 'found' ? named.id : undefined;
}
