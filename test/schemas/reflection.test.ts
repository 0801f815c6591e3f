import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { Question } from '../../src/schemas/question-set.js';
import { checkAnswers, ReflectionInput } from '../../src/schemas/reflection.js';

const input = (answers: Record<string, unknown>) => ({
  activityId: 'besoegsven',
  questionSetVersion: 0,
  answers,
});
const problems = (value: unknown) =>
  z.safeParse(ReflectionInput, value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

describe('ReflectionInput', () => {
  it('refuses an ill-formed or control-laden text answer at the answer, and keeps line breaks', () => {
    expect(problems(input({ note: 'Godt \uD800' }))).toEqual([
      ['answers.note', 'error.text.illFormed'],
    ]);
    expect(problems(input({ note: 'Godt\x1B[2J' }))).toEqual([
      ['answers.note', 'error.text.control'],
    ]);
    expect(problems(input({ note: 'Godt\r\nsom altid' }))).toEqual([]);
  });

  it('counts an answer of invisible characters as no answer', () => {
    expect(problems(input({ note: '\u200B\u200D' }))).toEqual([
      ['answers', 'error.reflection.empty'],
    ]);
  });
});

describe('checkAnswers', () => {
  // A set saved before such ids were refused.
  const questions: Question[] = [
    { id: 'constructor', kind: 'text', text: { da: 'Noget at tilføje?' } },
    {
      id: 'energy',
      kind: 'scale',
      theme: 'energy',
      text: { da: 'E' },
      low: { da: 'l' },
      high: { da: 'h' },
    },
  ];

  it('returns answers in which a skipped question finds nothing inherited', () => {
    const { issues, answers } = checkAnswers(questions, { energy: 4 });
    expect(issues).toEqual([]);
    expect(Object.keys(answers)).toEqual(['energy']);
    expect(answers.constructor).toBeUndefined();
    expect(answers.toString).toBeUndefined();
  });

  it('drops a text answer with nothing visible, and refuses ids the set does not have', () => {
    const { issues, answers } = checkAnswers(questions, {
      constructor: '\u200B',
      energy: 2,
      hasOwnProperty: 'x',
    });
    expect(issues).toEqual([
      { path: ['answers', 'hasOwnProperty'], message: 'error.reflection.answer' },
    ]);
    expect({ ...answers }).toEqual({ energy: 2 });
  });
});
