/**
 * What a turn does in the conversation, before what it asks: a greeting, thanks or goodbye, a
 * request for help, a question outside what the notes are about, a quiz request or reply, or a
 * question (or follow-up) for the notes. Small talk and out-of-scope turns get a short reply of
 * their own, never a note.
 */
export type DialogueAct = 'greeting' | 'thanks' | 'farewell' | 'acknowledgement' | 'help' | 'out_of_scope' | 'question';

const greeting = /^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|你好|您好|嗨|哈囉|哈啰)\b[\s!.,，！。]*$/iu;
// "thanks that helps", "thank you, that makes sense": the thanks with a word on the answer.
const thanks = /^\s*(?:(?:thanks|thank you|thx|ty|cheers|many thanks)(?: (?:a lot|so much|very much))?(?:[\s,!.]+(?:that|this|it)(?:'s| is| was)? (?:helps?|helped|helpful|clear|makes sense|great)(?: a lot)?)?|謝謝(?:你|您)?|谢谢(?:你|您)?|多謝|多谢|感謝|感谢)[\s!.,，！。~]*$/iu;
const farewell = /^\s*(?:bye|goodbye|see you(?: later)?|good night|再見|再见|拜拜)[\s!.,，！。]*$/iu;
const acknowledgement = /^\s*(?:ok(?:ay)?|cool|great|nice|got it|i see|makes sense|awesome|you'?re (?:awesome|great|the best)|好的?|了解|明白了?|懂了)(?: cool| thanks)?[\s!.,，！。]*$/iu;
const help = /^\s*(?:help|\?|what can you do\??|how do i use (?:this|you)\??|usage|幫助|帮助|說明|你能做什麼[?？]?)\s*$/iu;

/**
 * Words that place a question inside the notes' field. A turn with none of them, no loss named,
 * no item referred to and no numbers is outside what the tutor can answer from the notes.
 */
const fieldWords = new RegExp(
  [
    'loss', 'error', 'gradient', 'train', 'model', 'predict', 'class', 'label', 'probabilit', 'logit', 'weight', 'regress',
    'target', 'metric', 'accuracy', 'overfit', 'underfit', 'entropy', 'softmax', 'sigmoid', 'optimi', 'learn', 'data',
    'outlier', 'segment', 'rank', 'embedding', 'neural', 'network', 'batch', 'quiz', 'item', 'note', 'percentile', 'quantile',
    'count', 'overflow', 'exp', 'penalt', 'regulari', 'calibrat', 'imbalance', 'margin', 'anchor', 'mask', 'overlap',
    'distill', 'temperature', 'example', 'formula', 'delta', 'gamma', 'alpha', 'beta', 'lambda', 'mean', 'median', 'mistake',
    'score', 'sample', 'smooth', 'lecture', 'point', 'fact', 'one', 'it', 'that', 'this', 'they', 'both', 'other', 'same',
    'number', 'compute', 'calculat', 'explain', 'compare', 'vs', 'versus', 'differ', 'why', 'which', 'next', 'question',
    'pitfall', 'downside', 'choose', 'pick', 'fix', 'square', 'absolute', 'stable', 'units', 'nan', 'curve', 'epoch',
  ].map((word) => `\\b${word}`).join('|') +
    '|損失|损失|誤差|误差|梯度|訓練|训练|模型|預測|预测|分類|分类|標籤|标签|權重|权重|機率|概率|熵|正則|正则|條|条|項|项|例子|範例|范例|測驗|测验|考我|計算|计算|數據|数据|資料|不平衡|比較|比较|缺點|缺点|公式|定義|定义|它|這|这|那',
  'iu',
);

export interface ActSignals {
  /** A loss name, an item reference or a list of numbers was found in the turn. */
  namesSomething: boolean;
}

export function readDialogueAct(text: string, signals: ActSignals): DialogueAct {
  if (greeting.test(text)) return 'greeting';
  if (thanks.test(text)) return 'thanks';
  if (farewell.test(text)) return 'farewell';
  if (acknowledgement.test(text)) return 'acknowledgement';
  if (help.test(text)) return 'help';
  if (!signals.namesSomething && !fieldWords.test(text)) return 'out_of_scope';
  return 'question';
}
