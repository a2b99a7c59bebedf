/** The English phrasebook. */
import type { Phrasebook, Phrases } from './phrasebook';

const phrases: Phrases = {
  sections: {
    definition: 'Definition',
    formula: 'Formula',
    intuition: 'Intuition',
    how: 'How it works',
    training: 'Effect on training',
    when: 'When to use',
    pitfalls: 'Pitfalls',
    example: 'Worked example',
    related: 'Related',
  },
  workedExample: 'Worked example',
  exampleFromNote: (item) => `The numbers are from note #${item}.`,
  exampleIllustrative: 'These numbers are illustrative: no note gives an example for this loss.',
  computation: 'Computation',
  sources: 'Sources',
  nextStep: 'Next step',
  relatedItem: 'Read next:',
  quizOffer: 'Test yourself: say "quiz me on item {n}".',
  seeAlso: 'See also:',
  notesInEnglish: '',
  notCovered: 'The notes do not cover this: no item matches it. Try other words, or ask about one of the numbered items.',
  part: (n) => `${n}.`,
  target: 'target',
  prediction: 'prediction',
  error: 'error',
  loss: 'loss',
  term: 'term',
  weight: 'weight',
  value: 'value',
  weighted: 'weighted',
  share: 'share',
  gradient: 'gradient',
  parameters: 'Parameters',
  reductionLine: (kind, count, value) => `Reduction (${kind}) over ${count} rows: **L = ${value}**`,
  gradientLine: (grad) => `Gradient of L with respect to the predictions: ${grad}`,
  truncatedRows: (count) => `(the first ${count} rows are shown)`,
  assumedOrder: 'No list was labelled, so I took the first as the targets and the second as the predictions.',
  totalLine: (value) => `Total: **L = ${value}** (the sum of the weighted values)`,
  raisedWeight: (label, from, to) => `What raising a weight does: the same case with the weight of ${label} raised from ${from} to ${to}.`,
  shareChange: (label, from, to) => `The share of ${label} in the loss goes from ${from} to ${to}.`,
  gradientChange: (label, from, to) =>
    `Every gradient of the ${label} term is multiplied by its weight, so its gradient goes from ${from} to ${to}: each training step now spends more of its update on ${label}.`,
};

export const en: Phrasebook = {
  phrases,
  replies: {
    greeting: (items, range) =>
      `Hello! I explain loss functions from the notes, work examples with the calculator, and quiz you. The knowledge base has ${items} items (${range}). Try "Explain item 35" or "MSE for targets [1, 2, 3] and predictions [1, 2, 4]".`,
    help: (items, range) =>
      [
        `You can ask (the knowledge base has ${items} items, ${range}):`,
        '- about an item: "item #35", "the 35th item", or quote its claim',
        '- several questions at once: "1. ...? 2. ...?"',
        '- for a computation: "Huber with delta 1 for targets [1, 2, 3] and predictions [1.5, 2, 5]"',
        '- follow-ups: "now with delta 2", "show me a worked example", "how does it compare with cross-entropy?"',
        '- for a quiz: "quiz me on item 12"',
      ].join('\n'),
    thanks: 'You are welcome! Ask about another loss, a worked example, or say "quiz me" whenever you like.',
    farewell: 'Goodbye! Next time, "quiz me" is a good way to review.',
    acknowledgement: 'Good. Shall we look at another loss, work an example, or try a quiz?',
    outOfScope: (items) =>
      `That is outside what I can answer: I only explain machine-learning loss functions from the notes (${items} items). Try "What is Huber loss?" or "quiz me".`,
  },
  clarify: {
  itemOutOfRange: ({ n, first, last }) =>
    `There is no item ${n} in this knowledge base: items run from ${first} to ${last}. Which item did you mean? You can name one with "item ${first}" or "#${first}", or run "loss-tutor items" to see the list.`,
  underspecifiedChoice: () =>
    'No loss is best for every problem: it depends on what you are fitting. What is the task: regression (and are there outliers?), classification (are the classes imbalanced? do you need calibrated probabilities?), ranking or embeddings, or segmentation? For example: "which loss for regression with outliers?" or "which loss for imbalanced classification?".',
  dangling: ({ word }) =>
    `What does "${word}" refer to? We have not talked about an item yet. Name a loss or an item, for example "How does Huber loss work?" or "Explain item 9".`,
  noNumbers: ({ loss }) =>
    `Which numbers should I use for ${loss}? Give the targets and the predictions as two lists of the same length, for example "targets [1, 2, 3] and predictions [1.5, 2, 2.5]".`,
  oneList: () =>
    'I found only one list of numbers. Which are the targets and which the predictions? Give both, for example "y_true = [1, 0, 1] and y_pred = [0.9, 0.2, 0.7]".',
  noLoss: () =>
    'Which loss should I compute? Name one, for example "MSE", "Huber with delta 1" or "binary cross-entropy".',
  ambiguousLoss: ({ said, candidates }) =>
    `"${said}" can mean several losses: ${candidates.map((c) => `${c.name} (${c.id})`).join('; ')}. Which one do you mean?`,
  lengthMismatch: ({ targets, predictions }) =>
    `The targets have ${targets} numbers but the predictions have ${predictions}. Each target needs exactly one prediction: which numbers are missing or extra?`,
  refused: ({ loss, reason }) =>
    `The calculator cannot compute ${loss} for these numbers: ${reason} Could you check the numbers (or name another loss)?`,
  noExample: ({ title }) =>
    `The note "${title ?? 'Worked example'}" has no worked example. Which loss and which numbers should I use? For example "MSE for targets [1, 2, 3] and predictions [1, 2, 4]".`,
  nothingToRerun: () =>
    'There is no earlier calculation to change. Which loss and which numbers should I use?',
  noQuiz: () =>
    'That item has no quiz questions. Which item should I quiz you on? For example "quiz me on item 6".',
  asked: ({ text }) => text,
  },
  quiz: {
    quiz: 'Quiz',
    reply: 'Reply with your answer (or say "skip").',
    right: 'Right.',
    wrong: 'Not quite.',
    partly: 'Partly right: part of the answer is missing.',
    model: 'Model answer:',
    missingIdeas: 'What the model answer holds that yours did not:',
    nextStep: 'Next step',
    retry: (item, sections) =>
      `${sections.length > 0 ? `Reread §${sections.join(', §')} of #${item} above, then say` : 'Say'} "quiz me on item ${item}" to try this question again.`,
    moveOn: 'Or say "next question" to move on; I will come back to this one the next time you say "quiz me".',
    again: 'Say "quiz me" for another question.',
    aboutClaim: (title) => `In your own words: what do your notes say about ${title}?`,
  },
  pytorchMeanDefault: (value) => `PyTorch's default reduction='mean' divides by every element (rows × classes) and would print ${value}.`,
};
