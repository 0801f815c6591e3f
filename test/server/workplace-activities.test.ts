// The workplace's Aktiviteter page, on the engine the run is for: creating
// and editing an activity, its cancellation rule, reflection settings and
// questions through the forms, refused input said in the API's words next to
// the field with what was typed kept, and a coordinator kept to their own.
import { describe, expect, it } from 'vitest';
import { openActivityStore } from '../../src/server/activities/store.js';
import { openInvitations } from '../../src/server/reflections/invitations.js';
import { openShiftStore } from '../../src/server/shifts/store.js';
import { openAccounts } from '../../src/server/workplace/accounts.js';
import { signedIn, testApp } from './support.js';

async function setup() {
  const t = await testApp();
  return { ...t, activities: await openActivityStore(t.db) };
}

describe('Aktiviteter', () => {
  it('lets an admin create an activity and edit its facts, rule and reflection settings', async () => {
    const { app, db, activities } = await setup();
    const admin = await signedIn(db);
    const created = await app.request(
      '/leder/aktiviteter',
      admin.form({ title: 'Sangkor', description: 'Vi synger.', coreIdea: 'Fællesskab' }),
    );
    expect(created.status).toBe(303);
    const id = /\/leder\/aktiviteter\/([^?]+)\?oprettet=1$/.exec(
      created.headers.get('Location') ?? '',
    )![1]!;
    expect(await activities.get(id)).toMatchObject({ title: 'Sangkor', coreIdea: 'Fællesskab' });

    const page = await app.request(`/leder/aktiviteter/${id}?oprettet=1`, {
      headers: admin.headers,
    });
    const body = await page.text();
    expect(body).toContain('Aktiviteten er oprettet.');
    expect(body).toContain(`src="/embed/reflection-prompt?activity=${id}"`);

    const edited = await app.request(
      `/leder/aktiviteter/${id}`,
      admin.form({ title: 'Sangkoret', description: '', coreIdea: 'Sang for alle' }),
    );
    expect(edited.status).toBe(303);
    expect(await activities.get(id)).toMatchObject({
      title: 'Sangkoret',
      description: '',
      coreIdea: 'Sang for alle',
    });

    const rule = await app.request(
      `/leder/aktiviteter/${id}/regler`,
      admin.form({ cancelDeadlineHours: '12', reminderHours: '48' }),
    );
    expect(rule.status).toBe(303);
    expect(await (await openShiftStore(db)).policy(id)).toEqual({
      cancelDeadlineHours: 12,
      reminderHours: 48,
    });

    const reflection = await app.request(
      `/leder/aktiviteter/${id}/refleksion`,
      admin.form({ reflectionUrl: 'https://www.eksempel.dk/refleksion', openReflections: '1' }),
    );
    expect(reflection.status).toBe(303);
    expect(await (await openInvitations(db)).pageFor(undefined, id)).toBe(
      'https://www.eksempel.dk/refleksion',
    );
    const again = await (
      await app.request(`/leder/aktiviteter/${id}`, { headers: admin.headers })
    ).text();
    expect(again).toContain('name="openReflections" value="1" checked');
    expect(again).toContain('value="https://www.eksempel.dk/refleksion"');

    const log = await app.request('/leder/log', { headers: admin.headers });
    expect(await log.text()).toContain(id);
  });

  it('refuses an empty title in the API’s words next to the field and keeps what was typed', async () => {
    const { app, db, activities } = await setup();
    const admin = await signedIn(db);
    const before = (await activities.list()).length;
    const res = await app.request(
      '/leder/aktiviteter',
      admin.form({ title: '   ', description: 'Vi <b>synger</b> hver torsdag.' }),
    );
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body).toMatch(/<div class="wp-error-summary" role="alert">/);
    expect(body).toContain('<p id="a-title-error" class="wp-error">Skriv en titel.</p>');
    expect(body).toMatch(
      /id="a-title" name="title" required aria-invalid="true" aria-describedby="a-title-error"/,
    );
    expect(body).toContain('Vi &lt;b&gt;synger&lt;/b&gt; hver torsdag.</textarea>');
    expect((await activities.list()).length).toBe(before);

    const english = await app.request(
      '/leder/aktiviteter',
      admin.form({ title: '' }, { 'Accept-Language': 'en' }),
    );
    expect(await english.text()).toContain('Enter a title.');

    const rule = await app.request(
      '/leder/aktiviteter/besoegsven/regler',
      admin.form({ cancelDeadlineHours: 'tolv', reminderHours: '24' }),
    );
    expect(rule.status).toBe(400);
    const ruleBody = await rule.text();
    expect(ruleBody).toContain('Fristen skal være et helt antal timer fra 0 til 720.');
    expect(ruleBody).toContain('value="tolv"');
  });

  it('edits the questions as the reflection API takes them, and refuses a set it would refuse', async () => {
    const { app, db } = await setup();
    const admin = await signedIn(db);
    const saved = await app.request(
      '/leder/aktiviteter/lektiecafe/spoergsmaal',
      admin.form({
        count: '2',
        'q0-id': 'glaede',
        'q0-kind': 'scale',
        'q0-theme': 'energy',
        'q0-text-da': 'Hvor glad gik du hjem?',
        'q0-text-en': '',
        'q0-low-da': 'Trist',
        'q0-high-da': 'Meget glad',
        'q1-id': 'note',
        'q1-kind': 'text',
        'q1-theme': 'other',
        'q1-text-da': 'Noget du vil sige?',
      }),
    );
    expect(saved.status).toBe(303);
    const set = await (
      await app.request('/api/v1/activities/lektiecafe/reflection-questions')
    ).json();
    expect(set).toMatchObject({
      version: 1,
      questions: [
        {
          id: 'glaede',
          kind: 'scale',
          theme: 'energy',
          text: { da: 'Hvor glad gik du hjem?' },
          low: { da: 'Trist' },
          high: { da: 'Meget glad' },
        },
        { id: 'note', kind: 'text', text: { da: 'Noget du vil sige?' } },
      ],
    });

    const refused = await app.request(
      '/leder/aktiviteter/lektiecafe/spoergsmaal',
      admin.form({
        count: '2',
        'q0-id': 'a',
        'q0-kind': 'text',
        'q0-text-da': 'Første',
        'q1-id': 'a',
        'q1-kind': 'text',
        'q1-text-da': 'Anden',
      }),
    );
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain(
      '<p id="q1-id-error" class="wp-error">Dette id er allerede brugt af et andet spørgsmål i sættet.</p>',
    );
    expect(body).toContain('value="Anden"');
  });

  it('answers 404 to a coordinator of another activity', async () => {
    const { app, db } = await setup();
    const coordinator = await signedIn(db, { role: 'coordinator', activities: ['lektiecafe'] });
    const page = await app.request('/leder/aktiviteter/besoegsven', {
      headers: coordinator.headers,
    });
    expect(page.status).toBe(404);
    const post = await app.request(
      '/leder/aktiviteter/besoegsven',
      coordinator.form({ title: 'Overtaget' }),
    );
    expect(post.status).toBe(404);
    const list = await (
      await app.request('/leder/aktiviteter', { headers: coordinator.headers })
    ).text();
    expect(list).toContain('/leder/aktiviteter/lektiecafe');
    expect(list).not.toContain('/leder/aktiviteter/besoegsven');
    expect(
      (await app.request('/leder/aktiviteter/lektiecafe', { headers: coordinator.headers })).status,
    ).toBe(200);
  });

  it('assigns a coordinator to the activity they create', async () => {
    const { app, db } = await setup();
    const coordinator = await signedIn(db, { role: 'coordinator', activities: [] });
    const res = await app.request('/leder/aktiviteter', coordinator.form({ title: 'Strikkeklub' }));
    expect(res.status).toBe(303);
    const id = /aktiviteter\/([^?]+)\?/.exec(res.headers.get('Location')!)![1]!;
    const principal = await (await openAccounts(db)).principal(coordinator.accountId);
    expect([...(principal?.kind === 'account' ? principal.activities : [])]).toEqual([id]);
    expect(
      (await app.request(`/leder/aktiviteter/${id}`, { headers: coordinator.headers })).status,
    ).toBe(200);
  });

  it('refuses a form posted without the session’s form token', async () => {
    const { app, db } = await setup();
    const admin = await signedIn(db);
    const req = admin.form({ title: 'Uden token' });
    const res = await app.request('/leder/aktiviteter', {
      ...req,
      body: new URLSearchParams({ title: 'Uden token' }).toString(),
    });
    expect(res.status).toBe(403);
  });
});
