import { describe, expect, expectTypeOf, it } from 'vitest';
import { type SignupData, SignupInput } from '../../src/schemas/signup.js';

const valid = {
  activityId: 'besoegsven',
  name: '  Søren Ågård ',
  email: ' Soeren@Example.DK ',
  ageBand: '18-plus',
  consent: true,
} as const;

describe('SignupInput', () => {
  it('trims, lower-cases the e-mail and fills defaults', () => {
    expect(SignupInput.parse(valid)).toEqual({
      activityId: 'besoegsven',
      name: 'Søren Ågård',
      email: 'soeren@example.dk',
      phone: '',
      help: '',
      ageBand: '18-plus',
      guardianConsent: false,
      consent: true,
      website: '',
    });
    expectTypeOf<SignupData['ageBand']>().toEqualTypeOf<'under-15' | '15-17' | '18-plus'>();
  });

  it('names each problem with a catalog key at its field', () => {
    const result = SignupInput.safeParse({
      activityId: 'x',
      name: ' ',
      email: 'nej',
      phone: 'abc',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toMatchInlineSnapshot(`
      [
        [
          "name",
          "error.name.required",
        ],
        [
          "email",
          "error.email.invalid",
        ],
        [
          "phone",
          "error.phone.invalid",
        ],
        [
          "ageBand",
          "error.ageBand.required",
        ],
        [
          "consent",
          "error.consent.required",
        ],
      ]
    `);
  });

  it('asks for a guardian’s consent for minors only', () => {
    const minor = SignupInput.safeParse({ ...valid, ageBand: '15-17' });
    expect(minor.error?.issues.map((i) => i.message)).toEqual(['error.guardianConsent.required']);
    expect(
      SignupInput.safeParse({ ...valid, ageBand: 'under-15', guardianConsent: true }).success,
    ).toBe(true);
  });

  it('accepts Danish phone numbers and refuses letters', () => {
    for (const phone of ['12345678', '+45 12 34 56 78', '12-34-56-78', '']) {
      expect(SignupInput.safeParse({ ...valid, phone }).success, phone).toBe(true);
    }
    expect(SignupInput.safeParse({ ...valid, phone: '1234' }).success).toBe(false);
  });
});
