/**
 * Where the server and `loss-tutor review` meet a learner's profile: the cards a turn sees, the
 * scheduling of what the turn reports (FSRS, at the time the desk's clock says), the progress view.
 */
import type { KnowledgeBase } from '../kb/item';
import type { Learner, StudyStore } from '../store/study-store';
import type { SessionState } from '../tutor/session-state';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';
import { cardsOf, cardsOfItem } from './cards';
import { progressOf, type Progress } from './progress';
import { LEARN_AHEAD_MS, newSchedule, reviewed } from './schedule';
import type { StudyEvent, StudyTurn } from './study-turn';

/** How many due cards a turn is handed: enough for the next few, not the whole queue. */
const CARDS_PER_TURN = 20;

export class StudyDesk {
  constructor(
    private readonly store: StudyStore,
    private readonly kb: () => KnowledgeBase,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The learner a stored id names; an id that names none (or none given) starts a new profile. */
  async learner(requested: string | undefined): Promise<Learner> {
    const found = requested ? await this.store.getLearner(requested) : undefined;
    return found ?? this.store.createLearner();
  }

  async known(learner: string): Promise<boolean> {
    return (await this.store.getLearner(learner)) !== undefined;
  }

  linkSession(learner: string, sessionId: string): Promise<void> {
    return this.store.linkSession(learner, sessionId);
  }

  dueNow(learner: string): Promise<number> {
    return this.store.dueCount(learner, this.clock().toISOString());
  }

  /** The cards a turn may show: due now, or within the learn-ahead window once nothing else is. */
  async turn(learner: string, state: SessionState): Promise<StudyTurn> {
    const now = this.clock();
    const [due, dueCount, open] = await Promise.all([
      this.store.dueCards(learner, new Date(now.getTime() + LEARN_AHEAD_MS).toISOString(), CARDS_PER_TURN),
      this.store.dueCount(learner, now.toISOString()),
      state.review ? this.store.card(learner, state.review.card) : undefined,
    ]);
    const strip = ({ schedule: _s, due: _d, ...content }: (typeof due)[number]) => content;
    return { due: due.map(strip), dueCount, ...(open ? { open: strip(open) } : {}) };
  }

  /** One turn of the learner's: their due cards handed in, what they did scheduled and stored before it resolves. */
  async answer(tutor: TutorEngine, learner: string, turn: Turn): Promise<TurnResult> {
    const result = await tutor.answer({ ...turn, study: await this.turn(learner, turn.state) });
    await this.record(learner, result.study);
    return result;
  }

  /** Schedules and stores what the turn reports, in order; resolves once it is durable. */
  async record(learner: string, events: readonly StudyEvent[] | undefined): Promise<void> {
    for (const event of events ?? []) {
      const at = this.clock();
      if (event.type === 'reviewed') {
        const current = await this.store.card(learner, event.card.id);
        await this.store.recordReview(learner, event.card, event.grade, at.toISOString(), reviewed(current?.schedule ?? newSchedule(at), event.grade, at));
      } else {
        const item = this.kb().byNumber.get(event.item);
        if (item) await this.store.makeDue(learner, cardsOfItem(item), newSchedule(at), at.toISOString());
      }
    }
  }

  async progress(learner: string): Promise<Progress> {
    const kb = this.kb();
    const [cards, reviews] = await Promise.all([this.store.cards(learner), this.store.reviews(learner)]);
    return progressOf(kb.items, cardsOf(kb), cards, reviews, this.clock());
  }
}
