/**
 * What a question (or one part of it) asks for. A part can ask several things at once
 * ("explain the concept, and how it is used"): every intent found is kept, most specific first.
 */
import { itemNumberPhrases } from '../search/item-reference';

export type Intent =
  | 'greeting'
  | 'help'
  | 'quiz'
  | 'computation'
  | 'example'
  | 'comparison'
  | 'when'
  | 'pitfalls'
  | 'training'
  | 'formula'
  | 'how'
  | 'definition'
  | 'claim';

/** In priority order: the first intent that matches is the part's main intent. */
const rules: [Intent, RegExp][] = [
  ['quiz', /\bquiz\b|\btest me\b|\bask me a question\b|考我|測驗|测验|小測/i],
  ['computation', /\b(?:compute|calculate|calc|evaluate|what (?:is|would be) the (?:loss|value|mse|mae)|how much is)\b|計算|算一下|算出|求.*損失/i],
  ['example', /\b(?:worked example|an example|example of|for example|walk me through|show me (?:an|the) example|demonstrate)\b|範例|例子|舉例|示範/i],
  ['comparison', /\b(?:compare|compared|comparison|versus|vs\.?|diff?e?rr?ence between|diff between|diferen\w*|diff of|differ|different from|better than|instead of)\b|比較|差別|差異|不同|區別/i],
  ['when', /\b(?:when (?:should|to|do|would|is it)|which loss|choose|choosing|pick|select|appropriate|suitable|good for)\b|何時|什麼時候|選擇|適合|怎麼選/i],
  ['pitfalls', /\b(?:pitfalls?|mistakes?|careful|watch out|go wrong|drawbacks?|disadvantages?|downsides?|problems? with|caveats?)\b|陷阱|注意|缺點|風險/i],
  ['training', /\b(?:training|train|gradients?|impact|affects?|effects?|influences?|converge|convergence|performance|optimi[sz]\w*|learns?)\b|訓練|梯度|影響|收斂|效能|表現/i],
  ['formula', /\b(?:formula|equation|math(?:ematically)?|written as)\b|公式|數學式/i],
  ['how', /\bhow (?:do|does|is|are|can|to)\b|\bwork(?:s|ing)?\b|\bmechanism\b|\bused to\b|運作|如何|怎麼|原理/i],
  ['definition', /\b(?:what (?:is|are)|what's|explain|concept|define|definition|meaning|mean|describe|tell me (?:more )?about)\b|什麼是|是什麼|甚麼是|解釋|定義|概念|介紹|說明/i],
];

const greeting = /^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|你好|您好|嗨|哈囉)\b[\s!.,，！。]*$/i;
const help = /^\s*(?:help|\?|what can you do\??|how do i use (?:this|you)\??|usage|幫助|說明|你能做什麼[?？]?)\s*$/i;
const showItem = /\bshow (?:me )?(?:item|note)\b/i;
const whatItemSays = /\bwhat does (.{1,40}?) say\b|(第.{1,16}?)說什麼/i;

/** "what does item 35 say", "第35條說什麼": what is asked about is exactly an item named by number. */
function asksClaim(part: string): boolean {
  if (showItem.test(part)) return true;
  const asked = whatItemSays.exec(part);
  const named = (asked?.[1] ?? asked?.[2])?.trim();
  return named !== undefined && itemNumberPhrases(named).some((phrase) => phrase.text === named);
}

// "how" is the general case; a more specific intent in the same part answers it better.
const specificOverHow: Intent[] = ['training', 'when', 'pitfalls', 'comparison', 'computation', 'example'];

export function detectIntents(part: string, hasNumbers = false): Intent[] {
  if (greeting.test(part)) return ['greeting'];
  if (help.test(part)) return ['help'];
  if (asksClaim(part)) return ['claim'];
  let intents = rules.filter(([, pattern]) => pattern.test(part)).map(([intent]) => intent);
  if (hasNumbers && !intents.includes('quiz')) {
    intents = ['computation', ...intents.filter((i) => i !== 'computation' && i !== 'example')];
  }
  if (intents.some((i) => specificOverHow.includes(i))) intents = intents.filter((i) => i !== 'how');
  return intents.length > 0 ? intents : ['claim'];
}
