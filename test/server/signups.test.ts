import { describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../src/schemas/common.js';
import { SignupReceipt } from '../../src/schemas/signup.js';
import { asAdmin, postSignup, signupBody, testApp } from './support.js';

describe('POST /api/v1/signups', () => {
  it('stores a valid sign-up and answers 201 with a receipt', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, signupBody());
    expect(res.status).toBe(201);
    const receipt = SignupReceipt.parse(await res.json());
    expect(receipt.createdAt).toBe('2026-11-30T10:00:00+01:00');
    expect((await store.list()).map((s) => s.id)).toEqual([receipt.id]);
  });

  it('explains every invalid field in Danish by default', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, {
      activityId: 'besoegsven',
      email: 'ikke-en-mail',
      ageBand: '15-17',
    });
    expect(res.status).toBe(400);
    expect(ApiErrorBody.parse(await res.json())).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.name.required",
            "message": "Skriv dit navn.",
            "path": "name",
          },
          {
            "code": "error.email.invalid",
            "message": "Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.",
            "path": "email",
          },
          {
            "code": "error.consent.required",
            "message": "Du skal give samtykke for at kunne tilmelde dig.",
            "path": "consent",
          },
        ],
      }
    `);
    expect(await store.list()).toEqual([]);
  });

  it('explains every invalid field in English when the reader prefers it', async () => {
    const { app } = await testApp();
    const res = await postSignup(
      app,
      { activityId: 'besoegsven', email: 'ikke-en-mail', ageBand: '15-17' },
      { headers: { 'Accept-Language': 'en-GB,en;q=0.9,da;q=0.5' } },
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.name.required",
            "message": "Enter your name.",
            "path": "name",
          },
          {
            "code": "error.email.invalid",
            "message": "Enter a valid email address, e.g. name@example.dk.",
            "path": "email",
          },
          {
            "code": "error.consent.required",
            "message": "You must consent to sign up.",
            "path": "consent",
          },
        ],
      }
    `);
  });

  it('refuses a request without an Idempotency-Key, at that header', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, signupBody(), { key: null });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.idempotencyKey",
            "message": "Headeren Idempotency-Key mangler eller er ugyldig (16–100 tegn: A–Z, a–z, 0–9, - og _).",
            "path": "Idempotency-Key",
          },
        ],
      }
    `);
    expect(await store.list()).toEqual([]);
  });

  it('refuses an Idempotency-Key that is too short', async () => {
    const { app } = await testApp();
    const res = await postSignup(app, signupBody(), { key: 'short' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe('Idempotency-Key');
  });

  it('answers 400 error.json to a body that is not JSON', async () => {
    const { app } = await testApp();
    const res = await postSignup(app, '{"name": "Søren",', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.json",
            "message": "The request is not valid JSON.",
            "path": "",
          },
        ],
      }
    `);
  });

  it('refuses an activity that does not exist, at activityId', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, signupBody({ activityId: 'findes-ikke' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.activity.unknown",
            "message": "Aktiviteten findes ikke.",
            "path": "activityId",
          },
        ],
      }
    `);
    expect(await store.list()).toEqual([]);
  });

  it('requires a guardian’s consent for a minor', async () => {
    const { app } = await testApp();
    const res = await postSignup(app, signupBody({ ageBand: 'under-15' }));
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      expect.objectContaining({ path: 'guardianConsent', code: 'error.guardianConsent.required' }),
    ]);
    const ok = await postSignup(app, signupBody({ ageBand: 'under-15', guardianConsent: true }));
    expect(ok.status).toBe(201);
  });

  it('answers a filled honeypot like a success but stores nothing', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, signupBody({ website: 'https://spam.example' }));
    expect(res.status).toBe(201);
    SignupReceipt.parse(await res.json());
    expect(await store.list()).toEqual([]);
  });

  it('keeps Danish letters intact from the form to the admin listing', async () => {
    const { app } = await testApp();
    const body = signupBody({
      name: 'Søren Ågård',
      help: 'Æblevej 5, Ærøskøbing – jeg kan hjælpe om søndagen',
    });
    expect((await postSignup(app, body)).status).toBe(201);
    const listed = await app.request('/api/v1/signups', { headers: asAdmin() });
    const [signup] = await listed.json();
    expect(signup).toMatchObject({
      name: 'Søren Ågård',
      help: 'Æblevej 5, Ærøskøbing – jeg kan hjælpe om søndagen',
    });
  });

  it('trims and lower-cases what the resident typed before storing it', async () => {
    const { app, store } = await testApp();
    await postSignup(app, signupBody({ name: '  Søren  ', email: ' Soren@Example.DK ' }));
    expect((await store.list())[0]).toMatchObject({ name: 'Søren', email: 'soren@example.dk' });
  });
});

describe('idempotent sign-ups', () => {
  it('replays the first answer for the same key and body, storing one row', async () => {
    const { app, store } = await testApp();
    const first = await postSignup(app, signupBody(), { key: 'replay-key-000000001' });
    const again = await postSignup(app, signupBody(), { key: 'replay-key-000000001' });
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(await first.text());
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await store.list()).toHaveLength(1);
  });

  it('treats a re-serialised body with the same answers as the same request', async () => {
    const { app, store } = await testApp();
    const body = signupBody();
    await postSignup(app, body, { key: 'replay-key-000000002' });
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await postSignup(
      app,
      { ...reordered, name: ` ${body.name} ` },
      {
        key: 'replay-key-000000002',
      },
    );
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await store.list()).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422', async () => {
    const { app, store } = await testApp();
    await postSignup(app, signupBody(), { key: 'replay-key-000000003' });
    const other = await postSignup(app, signupBody({ name: 'Mette Frederiksen' }), {
      key: 'replay-key-000000003',
    });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.idempotencyKey.reused",
            "message": "Denne Idempotency-Key er allerede brugt til en anden forespørgsel.",
            "path": "Idempotency-Key",
          },
        ],
      }
    `);
    expect((await store.list()).map((s) => s.name)).toEqual(['Søren Ågård']);
  });

  it('does not let a refused request claim its key', async () => {
    const { app, store } = await testApp();
    const bad = await postSignup(app, signupBody({ activityId: 'findes-ikke' }), {
      key: 'replay-key-000000004',
    });
    expect(bad.status).toBe(400);
    const good = await postSignup(app, signupBody(), { key: 'replay-key-000000004' });
    expect(good.status).toBe(201);
    expect(await store.list()).toHaveLength(1);
  });
});

describe('body size', () => {
  const huge = () => signupBody({ help: 'x'.repeat(20 * 1024) });

  it('refuses a body over 16 KiB with 413 and stores nothing', async () => {
    const { app, store } = await testApp();
    const res = await postSignup(app, huge(), { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.bodyTooLarge",
            "message": "The request is too large (at most 16384 bytes).",
            "path": "",
          },
        ],
      }
    `);
    expect(await store.list()).toEqual([]);
  });

  it('refuses an oversize chunked body that gives no Content-Length', async () => {
    const { app, store } = await testApp();
    const bytes = new TextEncoder().encode(JSON.stringify(huge()));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
        controller.close();
      },
    });
    const res = await app.request('/api/v1/signups', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'chunked-key-00000001' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await store.list()).toEqual([]);
  });
});
