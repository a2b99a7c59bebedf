import { createEmptyCard, fsrs, generatorParameters, Rating, type Grade as FsrsGrade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { newSchedule, phaseOf, reviewed, type Grade } from '../../src/study/schedule';

describe('a card’s FSRS schedule', () => {
  it('equals ts-fsrs’s own result under a scripted sequence of grades and times', () => {
    const script: [Grade, FsrsGrade, string][] = [
      ['again', Rating.Again, '2026-01-01T09:00:00.000Z'],
      ['good', Rating.Good, '2026-01-01T09:02:00.000Z'],
      ['good', Rating.Good, '2026-01-01T09:15:00.000Z'],
      ['hard', Rating.Hard, '2026-01-03T18:00:00.000Z'],
      ['easy', Rating.Easy, '2026-01-09T07:30:00.000Z'],
      ['again', Rating.Again, '2026-02-20T12:00:00.000Z'],
      ['good', Rating.Good, '2026-02-20T12:10:00.000Z'],
    ];
    const library = fsrs(generatorParameters({ enable_fuzz: false }));
    let expected = createEmptyCard(new Date(script[0]![2]));
    let ours = newSchedule(new Date(script[0]![2]));
    for (const [grade, rating, at] of script) {
      expected = library.next(expected, new Date(at), rating).card;
      ours = reviewed(ours, grade, new Date(at));
      expect(ours.due).toBe(expected.due.toISOString());
      expect(ours.stability).toBe(expected.stability);
      expect(ours.difficulty).toBe(expected.difficulty);
      expect([ours.state, ours.reps, ours.lapses, ours.scheduled_days]).toEqual([expected.state, expected.reps, expected.lapses, expected.scheduled_days]);
    }
    expect(phaseOf(ours)).not.toBe('new');
  });

  it('brings a missed card back within minutes, a recalled one days later', () => {
    const start = new Date('2026-01-01T09:00:00.000Z');
    const learnt = ['good', 'good', 'good'].reduce((s, g, i) => reviewed(s, g as Grade, new Date(start.getTime() + i * 86_400_000 * 3)), newSchedule(start));
    const at = new Date('2026-01-20T09:00:00.000Z');
    const missed = reviewed(learnt, 'again', at);
    const recalled = reviewed(learnt, 'good', at);
    expect(phaseOf(missed)).toBe('relearning');
    expect(Date.parse(missed.due) - at.getTime()).toBeLessThanOrEqual(20 * 60_000);
    expect(Date.parse(recalled.due) - at.getTime()).toBeGreaterThan(86_400_000);
  });
});
