/**
 * Turns what a question says into a calculator case, or into the question the tutor must ask
 * first: which loss, which numbers, which list is which. Follow-ups ("now with delta 2", "what if
 * the weight of quality were 0.9?") change the conversation's last case.
 */
import type { LossCase, ParamValue } from '../../core/case';
import type { ClarifyCode } from '../answer';
import type { ClarifyMessage } from '../clarification';
import type { Lang } from '../language';
import type { LossFinder, LossMention } from '../loss-mention';
import { assignRoles, type ExtractedNumbers } from './number-extraction';
import { withTermWeight } from '../worked-example';
import { describeReading, readCalcRequest, type CalcReading, type PendingCalcQuestion } from '../calc-request';
import type { SessionState } from '../session-state';

export type CalculationRequest =
  | { kind: 'case'; lossCase: LossCase; assumedOrder: boolean; previous?: LossCase; readings?: string[] }
  | { kind: 'clarify'; message: ClarifyMessage; code: ClarifyCode; loss?: string; pending?: PendingCalcQuestion };

/**
 * The calc-request reader's reading of a part, preferred where it finds a case; its question only
 * where the older extraction finds no case either, so nothing it computed before is lost.
 */
/** A complete case the reader finds in a part the older extraction did not see as a computation ("I predicted 3.5 but…"). */
export function readFreshCase(text: string, lang: Lang, mentions: LossMention[]): CalculationRequest | undefined {
  const reading = readCalcRequest(text, { lang });
  if (reading.kind !== 'case' || (onlyAmbiguous(mentions) && !settlesTheLoss(reading, text))) return undefined;
  return { kind: 'case', lossCase: reading.lossCase, assumedOrder: false, readings: describeReading(reading.interpretations.filter((i) => i.kind !== 'order'), lang) };
}

const onlyAmbiguous = (mentions: LossMention[]): boolean => mentions.some((m) => m.status === 'ambiguous') && !mentions.some((m) => m.status === 'found');

/**
 * A name that fits several losses is the older path's question to ask ("which hinge?"), unless
 * the words settle it: logits, a class said in words or the true class's probability mean cross-entropy over classes.
 */
function settlesTheLoss(reading: CalcReading, text: string): boolean {
  if (reading.kind === 'case') return reading.interpretations.some((i) => i.kind === 'class-index' || i.kind === 'true-class-probability') || /logit/i.test(text);
  return reading.kind === 'missing' && reading.pending.missing === 'true-class';
}

export function readRequest(text: string, lang: Lang, state: SessionState, mentions: LossMention[], older: () => CalculationRequest): CalculationRequest {
  const reading = readCalcRequest(text, {
    lang,
    ...(state.lastCalculation ? { previous: { case: state.lastCalculation } } : {}),
    ...(state.pending?.calc ? { pending: state.pending.calc } : {}),
  });
  if (onlyAmbiguous(mentions) && !settlesTheLoss(reading, text)) return older();
  if (reading.kind === 'case') {
    const assumedOrder = reading.interpretations.some((i) => i.kind === 'order' && i.assumed);
    // Which list is which shows in the steps table; the other readings are said in words.
    const said = reading.interpretations.filter((i) => i.kind !== 'order');
    return { kind: 'case', lossCase: reading.lossCase, assumedOrder, readings: describeReading(said, lang) };
  }
  // A parameter the learner named is never dropped, so the older extraction may not compute without it.
  if (reading.kind === 'missing' && (reading.pending.missing === 'parameter' || reading.pending.missing === 'parameter-not-taken')) {
    return { kind: 'clarify', message: { key: 'asked', text: reading.question }, code: 'no_numbers', loss: reading.pending.loss, pending: reading.pending };
  }
  const fallback = older();
  if (reading.kind === 'missing' && fallback.kind === 'clarify') return { ...fallback, message: { key: 'asked', text: reading.question }, pending: reading.pending };
  return fallback;
}

const clarify = (message: ClarifyMessage, code: ClarifyCode, loss?: string): CalculationRequest =>
  loss === undefined ? { kind: 'clarify', message, code } : { kind: 'clarify', message, code, loss };

/** The loss a part means: a name it says, else the loss of the item being discussed. */
export function chooseLoss(mentions: LossMention[], itemLoss: string | undefined): { id: string } | { ambiguous: LossMention & { status: 'ambiguous' } } | undefined {
  const found = mentions.find((m) => m.status === 'found');
  if (found && found.status === 'found') return { id: found.id };
  const ambiguous = mentions.find((m) => m.status === 'ambiguous');
  if (ambiguous && ambiguous.status === 'ambiguous') {
    return itemLoss && ambiguous.candidates.includes(itemLoss) ? { id: itemLoss } : { ambiguous };
  }
  return itemLoss ? { id: itemLoss } : undefined;
}

/** "why does gamma=2 work best?" asks about a value, not for the last case with it. */
const asksAboutValue = /^\W*(?:\d+[.)]\s*)?(?:why\b|how come\b|what makes\b|為什麼|為何|怎麼會)/i;
const asksWhat = /\bwhat(?:'s| is| are| does| would)\b|\bwhich\b|\bhow (?:does|do|is)\b|是什麼|是多少|什麼/i;

/**
 * A part that changes only parameters of the conversation's last case ("now with delta 2"): not a
 * question about a value, not a request for an example, and, with nothing computed yet, not a
 * question with a subject of its own ("label smoothing eps 0.1 with 3 classes, what is the target vector?").
 */
export function changesLastCase(part: { question: string; numbers: ExtractedNumbers; intents: readonly string[]; ownSubject: boolean }, state: { lastCalculation?: LossCase }): boolean {
  const [main] = part.intents;
  if (!isFollowUp(part.numbers) || main === 'quiz' || main === 'example' || asksAboutValue.test(part.question)) return false;
  return state.lastCalculation !== undefined || !(part.ownSubject && asksWhat.test(part.question));
}

export function isFollowUp(numbers: ExtractedNumbers): boolean {
  const changes = Object.keys(numbers.params).length + Object.keys(numbers.termWeights).length + (numbers.reduction ? 1 : 0);
  return numbers.lists.length === 0 && changes > 0;
}

/** The last case with the parameters or term weights the follow-up names. */
export function rerunRequest(numbers: ExtractedNumbers, last: LossCase | undefined): CalculationRequest {
  if (!last) return clarify({ key: 'nothingToRerun' }, 'nothing_to_rerun');
  let lossCase: LossCase = last;
  for (const [label, weight] of Object.entries(numbers.termWeights)) {
    const index = (lossCase.terms ?? []).findIndex((term) => term.label?.toLowerCase() === label);
    if (index < 0) return clarify({ key: 'nothingToRerun' }, 'nothing_to_rerun');
    lossCase = withTermWeight(lossCase, index, weight);
  }
  if (Object.keys(numbers.params).length > 0) {
    const params: Record<string, ParamValue> = { ...(lossCase.params ?? {}), ...numbers.params };
    lossCase = { ...lossCase, params };
  }
  if (numbers.reduction) lossCase = { ...lossCase, reduction: numbers.reduction };
  return { kind: 'case', lossCase, assumedOrder: false, previous: last };
}

export function computationRequest(
  numbers: ExtractedNumbers,
  mentions: LossMention[],
  itemLoss: string | undefined,
  finder: LossFinder,
): CalculationRequest {
  const loss = chooseLoss(mentions, itemLoss);
  if (loss === undefined || ('id' in loss && loss.id === 'combined' && numbers.lists.length > 0)) return clarify({ key: 'noLoss' }, 'no_loss');
  if ('ambiguous' in loss) {
    const candidates = loss.ambiguous.candidates.map((id) => ({ id, name: finder.nameOf(id) }));
    return clarify({ key: 'ambiguousLoss', said: loss.ambiguous.matched, candidates }, 'ambiguous_loss');
  }
  const inputs = assignRoles(numbers.lists);
  if (!inputs) {
    return numbers.lists.length === 1
      ? clarify({ key: 'oneList' }, 'one_list', loss.id)
      : clarify({ key: 'noNumbers', loss: finder.nameOf(loss.id) }, 'no_numbers', loss.id);
  }
  if (inputs.yTrue.length !== inputs.yPred.length) {
    return clarify({ key: 'lengthMismatch', targets: inputs.yTrue.length, predictions: inputs.yPred.length }, 'length_mismatch', loss.id);
  }
  const lossCase: LossCase = { loss: loss.id, inputs: { yTrue: inputs.yTrue, yPred: inputs.yPred } };
  if (Object.keys(numbers.params).length > 0) lossCase.params = { ...numbers.params };
  if (numbers.reduction) lossCase.reduction = numbers.reduction;
  return { kind: 'case', lossCase, assumedOrder: inputs.assumedOrder };
}
