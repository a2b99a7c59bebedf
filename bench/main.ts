/** `npm run bench [area...]`: every bench/<area>.bench.ts. Goals are printed beside the numbers, never asserted. */
import { runModules } from '../scripts/module-runner';

runModules(__dirname, '.bench.ts', 'bench');
