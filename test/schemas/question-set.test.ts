import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { QuestionSetInput } from '../../src/schemas/question-set.js';

const withId = (id: string) => ({
  questions: [{ id, kind: 'load', text: { da: 'Hvordan var mængden af opgaver?' } }],
});
const problems = (value: unknown) =>
  z.safeParse(QuestionSetInput, value).error?.issues.map((i) => [i.path.join('.'), i.message]) ??
  [];

describe('QuestionSetInput', () => {
  it('refuses an id that every object inherits, so no answer lookup can find it', () => {
    expect(problems(withId('constructor'))).toMatchInlineSnapshot(`
      [
        [
          "questions.0.id",
          "error.question.idReserved",
        ],
      ]
    `);
  });

  it('refuses the other Object.prototype names by the id rule itself, with one error each', () => {
    for (const id of ['toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      expect(problems(withId(id)), id).toEqual([['questions.0.id', 'error.question.id']]);
    }
  });

  it('takes ordinary ids', () => {
    expect(problems(withId('construct'))).toEqual([]);
    expect(problems(withId('load'))).toEqual([]);
  });

  it('refuses question texts that are invisible or carry control characters', () => {
    const text = (da: string, en?: string) => ({
      questions: [{ id: 'q', kind: 'text', text: en === undefined ? { da } : { da, en } }],
    });
    expect(problems(text('\u200B\u2060'))).toEqual([
      ['questions.0.text.da', 'error.question.text'],
    ]);
    expect(problems(text('Hvordan\ngik det?'))).toEqual([
      ['questions.0.text.da', 'error.text.oneLine'],
    ]);
    expect(problems(text('Hvordan gik det?', 'How\u202E did it go?'))).toEqual([
      ['questions.0.text.en', 'error.text.bidi'],
    ]);
  });
});
