/** `npm run eval [area...]`: every eval/<area>.eval.ts; the test suite runs the same evaluations with floors. */
import { runModules } from '../scripts/module-runner';

runModules(__dirname, '.eval.ts', 'eval');
