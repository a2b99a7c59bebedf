/**
 * The embedded tutor: no language model, only the notes, the search index and the calculator.
 * A turn goes through the stages in order: understand (the text read once), ground (the only
 * search), decide (an AnswerPlan and the state events it causes), compose (the plan in words).
 */
import { losses } from '../core/index';
import type { KnowledgeBase } from '../kb/item';
import type { ItemSearch } from '../search/hit';
import { compose } from './compose/compose';
import { decide, type Decision } from './decide/decide';
import { ground, type GroundedTurn } from './ground/grounded-turn';
import { createLossFinder, type LossFinder } from './loss-mention';
import { afterTurn, reviewTurn } from './review-turn';
import { nextState, readSessionState, type SessionState } from './session-state';
import type { TutorEngine, Turn, TurnResult } from './tutor-engine';
import { understand } from './understand/turn-reading';

export interface EmbeddedTutorDeps {
  kb: KnowledgeBase;
  search: ItemSearch;
}

/** A turn through understand, ground and decide: what to say and the state after it, not yet in words. */
export interface PlannedTurn extends Decision {
  grounded: GroundedTurn;
  state: SessionState;
}

export function planTurn(deps: EmbeddedTutorDeps, finder: LossFinder, text: string, stored: unknown): PlannedTurn {
  const before = readSessionState(stored);
  const reading = understand(text, before, deps.kb, finder);
  const grounded = ground(reading, before, deps);
  const decision = decide(grounded, { kb: deps.kb, finder, lang: reading.lang, state: before });
  return { ...decision, grounded, state: nextState(before, decision.events) };
}

export function createEmbeddedTutor(deps: EmbeddedTutorDeps): TutorEngine {
  const finder = createLossFinder(losses);
  return {
    async answer(turn: Turn): Promise<TurnResult> {
      turn.signal?.throwIfAborted();
      // Study turns (docs/study.md) are answered before the stages; after them, a graded quiz question reviews its card.
      const study = reviewTurn(deps, turn);
      if (study) return study;
      const planned = planTurn(deps, finder, turn.text, turn.state);
      const lang = planned.grounded.reading.lang;
      const answer = compose(planned.plan, { lang, nameOf: finder.nameOf, ...(turn.onDelta ? { onDelta: turn.onDelta } : {}) });
      return afterTurn(deps, turn, { answer, state: planned.state });
    },
  };
}
