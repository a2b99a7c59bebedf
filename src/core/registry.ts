import { CalcError } from './calc-error';
import type { LossDefinition } from './loss-definition';
import { bce, bceLogits, focal, hinge, squaredHinge } from './losses/binary';
import { cosineEmbedding, marginRanking, triplet } from './losses/embedding';
import { categoricalCrossEntropy, categoricalHinge, crossEntropy, klDiv, multiMargin, nll } from './losses/multiclass';
import { dice, jaccard, tversky } from './losses/overlap';
import { gaussianNll, rmse } from './losses/probabilistic';
import { huber, logCosh, mae, mape, mse, msle, pinball, poissonNll, smoothL1 } from './losses/regression';
import { closest } from './param-spec';

export type LossInfo = Omit<LossDefinition, 'evaluate'>;

const single: readonly LossDefinition[] = [
  mse, mae, rmse, huber, smoothL1, logCosh, msle, mape, pinball, poissonNll, gaussianNll,
  bce, bceLogits, crossEntropy, categoricalCrossEntropy, nll, klDiv,
  hinge, squaredHinge, categoricalHinge, multiMargin, focal,
  dice, jaccard, tversky, triplet, cosineEmbedding, marginRanking,
];

/** A weighted sum of other losses; computed by combined.ts, listed here with the rest. */
export const combinedInfo: LossInfo = {
  id: 'combined',
  name: 'combined (weighted) loss',
  aliases: ['combined', 'weighted sum', 'weighted loss', 'multi task loss', 'multi objective loss', 'composite loss', 'total loss'],
  description: 'λ1·L1 + λ2·L2 + …: several losses added with weights, each term with its own value, share and gradient.',
  params: [],
  inputs: { yTrue: 'shared targets (optional: each term may bring its own inputs)', yPred: 'shared predictions (optional)' },
  reductions: ['mean', 'sum'],
  gradOf: 'yPred',
  formula: { latex: 'L = \\sum_k \\lambda_k L_k', words: 'the sum of each loss times its weight' },
};

/** Names compare without case, spaces, hyphens, underscores or dots: "Smooth_L1" is "smooth-l1". */
const normalise = (name: string): string => name.toLowerCase().replace(/[\s_.\-]+/g, '');

const byName = new Map<string, LossInfo>();
for (const info of [...single, combinedInfo]) {
  for (const name of [info.id, info.name, ...info.aliases]) byName.set(normalise(name), info);
}
const singleById = new Map(single.map((definition) => [definition.id, definition]));

/** Every loss the calculator knows, with its parameters, defaults, inputs and aliases. */
export const losses: readonly LossInfo[] = [...single.map(({ evaluate: _evaluate, ...info }) => info), combinedInfo];

/** The loss's id for an id, name or alias; `unknown_loss`, with the closest names, otherwise. */
export function resolveLoss(name: string): string {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new CalcError('unknown_loss', 'no loss is named: set "loss" to an id such as "mse" (see the list of losses).', 'loss');
  }
  const found = byName.get(normalise(name));
  if (found) return found.id;
  const suggestions = [...new Set(closest(normalise(name), [...byName.keys()]).map((key) => byName.get(key)!.id))];
  const hint = suggestions.length > 0 ? `did you mean ${suggestions.join(' or ')}?` : `the losses are ${[...single, combinedInfo].map((d) => d.id).join(', ')}.`;
  throw new CalcError('unknown_loss', `unknown loss "${name}": ${hint}`, 'loss');
}

/** The definition of a single (not combined) loss, by id. */
export function singleLoss(id: string): LossDefinition | undefined {
  return singleById.get(id);
}
