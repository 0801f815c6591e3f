import { describe, expect, it } from 'vitest';
import { Activity } from '../../src/schemas/activity.js';
import { Signup } from '../../src/schemas/signup.js';
import { ADMIN_TOKEN, asAdmin, postSignup, signupBody, testApp } from './support.js';

const adminRoutes: [string, string][] = [
  ['GET', '/api/v1/signups'],
  ['POST', '/api/v1/activities'],
  ['DELETE', '/api/v1/signups/some-id'],
];

describe('admin authentication', () => {
  it.each(adminRoutes)(
    'refuses %s %s without a token with 401 and a Bearer challenge',
    async (method, path) => {
      const { app } = await testApp();
      const res = await app.request(path, { method });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toBe('Bearer');
      expect(await res.json()).toMatchInlineSnapshot(`
        {
          "errors": [
            {
              "code": "error.unauthorized",
              "message": "Adgang nægtet: angiv en gyldig admin-token (Authorization: Bearer …).",
              "path": "",
            },
          ],
        }
      `);
    },
  );

  it.each(adminRoutes)('refuses %s %s with a wrong token', async (method, path) => {
    const { app } = await testApp();
    const res = await app.request(path, { method, headers: asAdmin(`${ADMIN_TOKEN}x`) });
    expect(res.status).toBe(401);
  });

  it('refuses a token sent some other way than Bearer', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups', {
      headers: { Authorization: `Basic ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/v1/activities', () => {
  it('creates an activity with a new UUID and lists it publicly', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: { ...asAdmin(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '  Madklub i Ærøskøbing  ', coreIdea: 'Fællesskab om maden' }),
    });
    expect(res.status).toBe(201);
    const created = Activity.parse(await res.json());
    expect(created).toMatchObject({
      title: 'Madklub i Ærøskøbing',
      description: '',
      coreIdea: 'Fællesskab om maden',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await (await app.request('/api/v1/activities')).json();
    expect(list.map((a: Activity) => a.id)).toContain(created.id);
  });

  it('explains a missing title', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/activities', {
      method: 'POST',
      headers: { ...asAdmin(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '   ' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "code": "error.title.required",
            "message": "Skriv en titel.",
            "path": "title",
          },
        ],
      }
    `);
  });
});

describe('GET /api/v1/signups', () => {
  it('lists sign-ups in the order they arrived, optionally for one activity', async () => {
    const { app, clock } = await testApp();
    await postSignup(app, signupBody({ name: 'Anna' }));
    clock.advance(1000);
    await postSignup(app, signupBody({ name: 'Bo', activityId: 'naturpleje' }));
    clock.advance(1000);
    await postSignup(app, signupBody({ name: 'Carl' }));

    const all = await (await app.request('/api/v1/signups', { headers: asAdmin() })).json();
    expect(all.map((s: Signup) => Signup.parse(s).name)).toEqual(['Anna', 'Bo', 'Carl']);

    const one = await app.request('/api/v1/signups?activity=besoegsven', { headers: asAdmin() });
    expect((await one.json()).map((s: Signup) => s.name)).toEqual(['Anna', 'Carl']);
  });

  it('refuses a malformed activity filter at path activity', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups?activity=%3Cscript%3E', { headers: asAdmin() });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toMatchObject({ path: 'activity', code: 'error.id' });
  });
});

describe('DELETE /api/v1/signups/:id', () => {
  it('erases the sign-up, so it is gone from the listing and its key is forgotten', async () => {
    const { app, store } = await testApp();
    const key = 'erase-key-0000000001';
    const { id } = await (await postSignup(app, signupBody(), { key })).json();
    const res = await app.request(`/api/v1/signups/${id}`, {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(await store.list()).toEqual([]);
    // The idempotency record (a hash of the person's answers) went with it.
    const again = await postSignup(app, signupBody(), { key });
    expect(again.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('answers 404 when there is no such sign-up', async () => {
    const { app } = await testApp();
    const res = await app.request('/api/v1/signups/ingen-saadan', {
      method: 'DELETE',
      headers: asAdmin(),
    });
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].code).toBe('error.notFound');
  });
});
