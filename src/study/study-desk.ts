/**
 * Where the server and `loss-tutor review` meet a learner's profile: the cards a turn sees, the
 * scheduling of what the turn reports (FSRS, at the time the desk's clock says) committed with the
 * turn itself, the progress view. A deck is the server's notes or one notebook's: the tutor knows a
 * card by its id in the notes ("35/cloze"), the store by that id after the notebook's ("NB/35/cloze").
 */
import type { KnowledgeBase } from '../kb/item';
import type { AssistantEntry, TurnRecord } from '../store/store';
import type { Learner, StudyCard, StudyChange, StudyStore } from '../store/study-store';
import type { SessionState } from '../tutor/session-state';
import type { Turn, TurnResult, TutorEngine } from '../tutor/tutor-engine';
import { cardsOf, cardsOfItem, type CardContent } from './cards';
import { progressOf, type Progress } from './progress';
import { LEARN_AHEAD_MS, newSchedule, reviewed } from './schedule';
import type { StudyEvent, StudyTurn } from './study-turn';

/** How many due cards a turn is handed: enough for the next few, not the whole queue. */
const CARDS_PER_TURN = 20;

/** The notes a conversation studies: the server's (no notebook) or a notebook's, with its knowledge base as it is now. */
export interface Deck {
  notebook?: string;
  kb: KnowledgeBase;
}

export interface CommittedTurn {
  entry: AssistantEntry;
  /** The session had answered this question id already: nothing was written, `entry` is the stored answer. */
  replayed: boolean;
  /** The deck's cards due now, after the turn. */
  due: number;
}

const storedId = (deck: Deck, id: string): string => (deck.notebook === undefined ? id : `${deck.notebook}/${id}`);
const inStore = (deck: Deck, card: CardContent): CardContent => ({ ...card, id: storedId(deck, card.id) });
const inNotes = (deck: Deck, { schedule: _s, due: _d, ...card }: StudyCard): CardContent => ({ ...card, id: deck.notebook === undefined ? card.id : card.id.slice(deck.notebook.length + 1) });

// A knowledge base never changes once loaded: its cards' stored ids and prompts are worked out once.
const liveFor = new WeakMap<KnowledgeBase, ReadonlyMap<string, string>>();

/**
 * The deck's stored cards its notes still make: same id, same prompt. A card of a removed source (or
 * of an item renumbered since) keeps its row and reviews but is never due, nor counted in progress.
 */
function liveCards(deck: Deck, cards: readonly StudyCard[]): StudyCard[] {
  let live = liveFor.get(deck.kb);
  if (!live) liveFor.set(deck.kb, (live = new Map(cardsOf(deck.kb).map((card) => [storedId(deck, card.id), card.prompt]))));
  return cards.filter((card) => live.get(card.id) === card.prompt);
}

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

  async dueNow(learner: string, deck?: Deck): Promise<number> {
    const now = this.clock().toISOString();
    return (await this.due(learner, this.deck(deck), now)).length;
  }

  /** The cards a turn may show: due now, or within the learn-ahead window once nothing else is. */
  async turn(learner: string, state: SessionState, deck?: Deck): Promise<StudyTurn> {
    const d = this.deck(deck);
    const now = this.clock();
    const [due, open] = await Promise.all([
      this.due(learner, d, new Date(now.getTime() + LEARN_AHEAD_MS).toISOString()),
      state.review ? this.store.card(learner, storedId(d, state.review.card)) : undefined,
    ]);
    const dueCount = due.filter((card) => card.due <= now.toISOString()).length;
    const shown = open && liveCards(d, [open]).length > 0 ? { open: inNotes(d, open) } : {};
    return { due: due.slice(0, CARDS_PER_TURN).map((card) => inNotes(d, card)), dueCount, ...shown };
  }

  /** The tutor's answer to one turn of the learner's, their due cards handed in; nothing is stored yet. */
  async answer(tutor: TutorEngine, learner: string, turn: Turn, deck?: Deck): Promise<TurnResult> {
    return tutor.answer({ ...turn, study: await this.turn(learner, turn.state, deck) });
  }

  /**
   * The turn and what it did to the learner's cards (scheduled now), committed in one transaction;
   * a question the session answered before writes nothing. Then how many cards are due.
   */
  async commit(learner: string, turn: TurnRecord, events: readonly StudyEvent[] | undefined, deck?: Deck): Promise<CommittedTurn> {
    const d = this.deck(deck);
    const { entry, replayed } = await this.store.recordTurn(learner, this.changes(d, events ?? []), turn, d.notebook);
    return { entry, replayed, due: await this.dueNow(learner, d) };
  }

  async progress(learner: string, deck?: Deck): Promise<Progress> {
    const d = this.deck(deck);
    const [cards, reviews] = await Promise.all([this.store.cards(learner, d.notebook), this.store.reviews(learner, d.notebook)]);
    return progressOf(d.kb.items, cardsOf(d.kb), liveCards(d, cards), reviews, this.clock());
  }

  private deck(deck: Deck | undefined): Deck {
    return deck ?? { kb: this.kb() };
  }

  private async due(learner: string, deck: Deck, at: string): Promise<StudyCard[]> {
    return liveCards(deck, await this.store.dueCards(learner, at, deck.notebook));
  }

  /** What the turn reports as store changes, in order: a review schedules from the card's stored state. */
  private changes(deck: Deck, events: readonly StudyEvent[]): StudyChange[] {
    const at = this.clock();
    return events.flatMap((event): StudyChange[] => {
      if (event.type === 'reviewed') {
        const next = (current: StudyCard['schedule'] | undefined) => reviewed(current ?? newSchedule(at), event.grade, at);
        return [{ type: 'review', card: inStore(deck, event.card), grade: event.grade, at: at.toISOString(), next }];
      }
      const item = deck.kb.byNumber.get(event.item);
      return item ? [{ type: 'due', cards: cardsOfItem(item).map((card) => inStore(deck, card)), schedule: newSchedule(at), at: at.toISOString() }] : [];
    });
  }
}
