import { describe, expect, it } from 'vitest';
import { budgets, kitSize, widgetSize } from '../support/bundle-size.js';

describe('size budget', () => {
  it('keeps the whole kit within 32 KB gzip', () => {
    expect(kitSize()).toBeLessThanOrEqual(budgets.kit);
  });

  it('keeps the sign-up form alone within 20 KB gzip', async () => {
    expect(await widgetSize('signup-form/signup-form.ts')).toBeLessThanOrEqual(budgets.signupForm);
  });
});
