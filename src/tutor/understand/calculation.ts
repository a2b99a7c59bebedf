/**
 * The one place the understand stage reads numbers and calculation requests from a turn: the lists,
 * parameters, term weights and reduction it gives, and whether it only changes the conversation's
 * last calculation ("now with delta 2"). The rest of the tutor asks here, never the parsers.
 */
import type { LossCase } from '../../core/case';
import { itemReferenceSpans } from '../../search/item-reference';
import type { Lang } from '../language';
import { isFollowUp } from './calculation-request';
import { extractNumbers, type ExtractedNumbers } from './number-extraction';

export interface CalculationReading {
  numbers: ExtractedNumbers;
  /** The turn changes only parameters of the last calculation. */
  rerun: boolean;
  /** The turn gives lists of numbers of its own. */
  hasLists: boolean;
}

export function readCalculation(text: string, _lang: Lang, state: { lastCalculation?: LossCase }): CalculationReading {
  const numbers = extractNumbers(text, itemReferenceSpans(text));
  return { numbers, rerun: isFollowUp(numbers) && state.lastCalculation !== undefined, hasLists: numbers.lists.length > 0 };
}
