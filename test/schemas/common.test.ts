import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { commonDa } from '../../src/i18n/da/common.js';
import { commonEn } from '../../src/i18n/en/common.js';
import { isMessageKey, t } from '../../src/i18n/index.js';
import { NewActivity } from '../../src/schemas/activity.js';
import { IsoDate, IsoInstant, textProblem, trimmed } from '../../src/schemas/common.js';
import { EmbedOptions } from '../../src/schemas/embed.js';
import { SignupInput } from '../../src/schemas/signup.js';

const problems = (schema: z.ZodMiniType, value: unknown) =>
  z.safeParse(schema, value).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];

const name = trimmed(1, 120, 'error.name', 'line');
const help = trimmed(0, 1000, 'error.help', 'lines');

describe('text fields', () => {
  it('refuse a lone UTF-16 surrogate, and keep a whole emoji', () => {
    expect(problems(name, 'Ida \uD83D')).toEqual([['', 'error.text.illFormed']]);
    expect(problems(name, '\uDE00 Ida')).toEqual([['', 'error.text.illFormed']]);
    expect(z.parse(name, 'Ida 😀')).toBe('Ida 😀');
  });

  it('refuse NUL, ESC, DEL and C1 controls, in one line and in many', () => {
    for (const c of ['\0', '\x1B', '\x7F', '\x85']) {
      expect(problems(name, `Ida${c}Holm`), JSON.stringify(c)).toEqual([
        ['', 'error.text.control'],
      ]);
      expect(problems(help, `Om${c}aftenen`), JSON.stringify(c)).toEqual([
        ['', 'error.text.control'],
      ]);
    }
  });

  it('keep tabs and line breaks in free text, and refuse them in a one-line field', () => {
    expect(z.parse(help, 'Tirsdag\r\nTorsdag\tom aftenen')).toBe('Tirsdag\r\nTorsdag\tom aftenen');
    for (const c of ['\n', '\r', '\t']) {
      expect(problems(name, `Ida${c}Holm`), JSON.stringify(c)).toEqual([
        ['', 'error.text.oneLine'],
      ]);
    }
  });

  it('refuse bidi overrides and isolates, and keep the marks a right-to-left keyboard types', () => {
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2069']) {
      expect(problems(name, `Ida${c}Holm`), JSON.stringify(c)).toEqual([['', 'error.text.bidi']]);
      expect(problems(help, `Ida${c}Holm`), JSON.stringify(c)).toEqual([['', 'error.text.bidi']]);
    }
    expect(z.parse(name, 'نور\u200F Holm')).toBe('نور\u200F Holm');
  });

  it('count invisible characters for nothing, so an invisible-only name is required', () => {
    for (const s of ['\u200B', '\u200C\u200D', '\u2060 \uFEFF', '\u00AD', '\u3164', ' \u200B ']) {
      expect(problems(name, s), JSON.stringify(s)).toEqual([['', 'error.name.required']]);
    }
    // A joiner inside an emoji sequence or a word is the writer's and stays.
    expect(z.parse(name, 'Ida 👩\u200D👧')).toBe('Ida 👩\u200D👧');
    expect(z.parse(name, 'می\u200Cخواهم')).toBe('می\u200Cخواهم');
  });

  it('say one thing per field: the first problem, in a fixed order', () => {
    expect(problems(name, '\u200B\0\uD800')).toEqual([['', 'error.text.illFormed']]);
    expect(textProblem('a\tb\u202E', 'line')).toBe('error.text.oneLine');
    expect(textProblem('a\tb\u202E', 'lines')).toBe('error.text.bidi');
    expect(textProblem('Søren Ågård', 'line')).toBeUndefined();
  });

  it('keep the leader’s private notes as typed, so old backups still import', () => {
    const note = trimmed(0, 20_000, 'error.note.text');
    expect(z.parse(note, 'Citat: \u2067مرحبا\u2069\n\tslut')).toBe(
      'Citat: \u2067مرحبا\u2069\n\tslut',
    );
  });

  it('hold for the schemas residents and admins write through', () => {
    const signup = {
      activityId: 'besoegsven',
      name: '\u200B\u200B',
      email: 'ida@example.dk',
      help: 'Ja\0',
      ageBand: '18-plus',
      consent: true,
    };
    expect(problems(SignupInput, signup)).toMatchInlineSnapshot(`
      [
        [
          "name",
          "error.name.required",
        ],
        [
          "help",
          "error.text.control",
        ],
      ]
    `);
    expect(
      problems(NewActivity, { title: 'Læsehjælp\u202Efni', description: 'To linjer\nher' }),
    ).toEqual([['title', 'error.text.bidi']]);
    // The processor's name goes into the privacy text a webmaster pastes.
    expect(problems(EmbedOptions, { processor: 'Firma A/S\nX-Evil: 1' })).toEqual([
      ['processor', 'error.text.oneLine'],
    ]);
  });
});

describe('the text errors’ messages', () => {
  it('are known to the widgets’ translator before any widget adds its own', () => {
    const keys = ['\uD800', '\0', '\n', '\u202E'].map((c) => textProblem(`a${c}b`, 'line')!);
    expect(keys).toEqual(Object.keys(commonDa));
    for (const key of keys) {
      expect(isMessageKey(key), key).toBe(true);
      expect(t('da', key as keyof typeof commonDa)).toBe(commonDa[key as keyof typeof commonDa]);
    }
    expect(Object.keys(commonEn)).toEqual(Object.keys(commonDa));
  });
});

describe('IsoInstant', () => {
  it('takes instants in 2000–2100 with an offset', () => {
    expect(z.parse(IsoInstant, '2026-12-01T17:00:00+01:00')).toBe('2026-12-01T17:00:00+01:00');
    expect(z.parse(IsoInstant, '2000-01-01T00:00:00Z')).toBe('2000-01-01T00:00:00Z');
    expect(z.parse(IsoInstant, '2100-12-31T23:59:59Z')).toBe('2100-12-31T23:59:59Z');
  });

  it('refuses year 0000 and other implausible years with a message that says the range', () => {
    expect(problems(IsoInstant, '0000-01-01T00:00:00Z')).toEqual([['', 'error.year']]);
    expect(problems(IsoInstant, '1999-12-31T23:59:59Z')).toEqual([['', 'error.year']]);
    expect(problems(IsoInstant, '2101-01-01T00:00:00Z')).toEqual([['', 'error.year']]);
    expect(problems(IsoInstant, '9999-12-31T23:59:59Z')).toEqual([['', 'error.year']]);
    expect(problems(IsoInstant, '2026-12-01T17:00:00')).toEqual([['', 'error.instant']]);
  });
});

describe('IsoDate', () => {
  it('takes a day that exists, a leap day included', () => {
    expect(z.parse(IsoDate, '2028-02-29')).toBe('2028-02-29');
  });

  it('refuses a day that does not exist, and implausible years', () => {
    expect(problems(IsoDate, '2027-13-45')).toEqual([['', 'error.date']]);
    expect(problems(IsoDate, '2027-02-29')).toEqual([['', 'error.date']]);
    expect(problems(IsoDate, '2026-04-31')).toEqual([['', 'error.date']]);
    expect(problems(IsoDate, '0000-01-01')).toEqual([['', 'error.year']]);
  });
});
