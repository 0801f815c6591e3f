import { describe, expect, it } from 'vitest';
import { budgets, kitSize, widgetSize } from '../support/bundle-size.js';

describe('size budget', () => {
  it('keeps the whole kit within 33 KB gzip', () => {
    expect(kitSize()).toBeLessThanOrEqual(budgets.kit);
  });

  it('keeps the sign-up form alone within 21 KB gzip', async () => {
    expect(await widgetSize('signup-form/signup-form.ts')).toBeLessThanOrEqual(budgets.widget);
  });

  it('keeps the reflection prompt alone within 21 KB gzip', async () => {
    // Most of it (Lit, zod/mini, the outbox) is shared: beside the sign-up form it adds ~3.5 KB.
    expect(await widgetSize('reflection-prompt/reflection-prompt.ts')).toBeLessThanOrEqual(
      budgets.widget,
    );
  });

  it('keeps the shift calendar within 8 KB gzip of the sign-up form it shares Lit, zod and the outbox with', async () => {
    const calendar = await widgetSize('shift-calendar/shift-calendar.ts');
    const signup = await widgetSize('signup-form/signup-form.ts');
    expect(calendar - signup).toBeLessThanOrEqual(8 * 1024);
  });
});
