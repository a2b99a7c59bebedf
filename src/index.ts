/** The package API: `import { calculate, losses } from 'loss-tutor'`. */
export * from './core';
