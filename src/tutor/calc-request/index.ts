/** The reader of calculation requests: learner's words in, a calculator case (or one question) out. */
export { readCalcRequest } from './read';
export { describeReading } from './describe';
export type * from './reading';
