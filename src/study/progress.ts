/**
 * A learner's progress, pure: every item of the notes by study state, the reviews due on each of the
 * coming days, the share of reviews recalled on each day so far, and the items most often missed.
 */
import type { Item } from '../kb/item';
import type { ReviewRecord, StudyCard } from '../store/study-store';
import type { CardContent } from './cards';
import { phaseOf } from './schedule';

export type ItemState = 'new' | 'learning' | 'due' | 'known';

export interface Progress {
  items: { item: number; title: string; state: ItemState; cards: number }[];
  counts: Record<ItemState, number>;
  /** Reviews falling due on each of the next days (UTC), today first, overdue cards counted today. */
  forecast: { day: string; due: number }[];
  /** Each day with reviews: how many, and how many were not graded "again". */
  retention: { day: string; reviews: number; recalled: number }[];
  mostMissed: { item: number; title: string; misses: number }[];
}

const day = (iso: string): string => iso.slice(0, 10);

/** Due beats learning beats known; an item none of whose cards was ever scheduled is new. */
function itemState(cards: readonly StudyCard[], now: string): ItemState {
  if (cards.some((c) => c.due <= now)) return 'due';
  if (cards.length === 0 || cards.every((c) => phaseOf(c.schedule) === 'new')) return 'new';
  return cards.some((c) => phaseOf(c.schedule) !== 'review') ? 'learning' : 'known';
}

export function progressOf(items: readonly Item[], allCards: readonly CardContent[], studied: readonly StudyCard[], reviews: readonly ReviewRecord[], now: Date, days = 14): Progress {
  const nowIso = now.toISOString();
  const byItem = new Map<number, StudyCard[]>();
  for (const card of studied) byItem.set(card.item, [...(byItem.get(card.item) ?? []), card]);
  const cardCount = new Map<number, number>();
  for (const card of allCards) cardCount.set(card.item, (cardCount.get(card.item) ?? 0) + 1);
  const rows = items.map((item) => ({ item: item.number, title: item.title, state: itemState(byItem.get(item.number) ?? [], nowIso), cards: cardCount.get(item.number) ?? 0 }));
  const counts: Record<ItemState, number> = { new: 0, learning: 0, due: 0, known: 0 };
  for (const row of rows) counts[row.state] += 1;

  const forecast = Array.from({ length: days }, (_, n) => ({ day: day(new Date(now.getTime() + n * 86_400_000).toISOString()), due: 0 }));
  const last = forecast.at(-1)!.day;
  for (const card of studied) {
    const when = day(card.due) < forecast[0]!.day ? forecast[0]!.day : day(card.due);
    if (when <= last) forecast.find((f) => f.day === when)!.due += 1;
  }

  const retention: Progress['retention'] = [];
  for (const review of reviews) {
    const d = day(review.at);
    const entry = retention.at(-1)?.day === d ? retention.at(-1)! : (retention.push({ day: d, reviews: 0, recalled: 0 }), retention.at(-1)!);
    entry.reviews += 1;
    if (review.grade !== 'again') entry.recalled += 1;
  }

  // An item the notes no longer have (its source removed) is not offered to ask about.
  const titles = new Map(items.map((item) => [item.number, item.title]));
  const misses = new Map<number, number>();
  for (const review of reviews) if (review.grade === 'again' && titles.has(review.item)) misses.set(review.item, (misses.get(review.item) ?? 0) + 1);
  const mostMissed = [...misses]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 5)
    .map(([item, n]) => ({ item, title: titles.get(item)!, misses: n }));
  return { items: rows, counts, forecast, retention, mostMissed };
}
