import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.js';
import { createTestApp } from '../../test-support/harness.js';
import { makeUscc } from '../../test-support/fixtures.js';
import { TestClient } from '../../test-support/http.js';
import type { App } from './app.js';

let app: App;
beforeAll(async () => {
  app = await createTestApp({ clock: fixedClock('2026-11-24T02:00:00Z') });
});
afterAll(async () => app.close());

describe('the contact person given at registration', () => {
  it('is carried into the new application, where the applicant may change it', async () => {
    const client = new TestClient(app);
    const registered = await client.post('/api/v1/auth/register', {
      username: 'contactcarried',
      password: 'Passw0rd!',
      unitName: '联系人带入测试有限公司',
      uscc: makeUscc(91_001, '410300'),
      regionCode: '410300',
      contactName: '王晓红',
      contactPhone: '0379-65551234',
    });
    expect(registered.statusCode).toBe(200);

    const view = (await client.get('/api/v1/my/application')).json();
    expect(view.form).toMatchObject({ contactName: '王晓红', contactPhone: '0379-65551234' });
    const missing = view.incomplete.map((i: { field: string }) => i.field);
    expect(missing).not.toContain('contactName');
    expect(missing).not.toContain('contactPhone');

    const changed = await client.patch(`/api/v1/applications/${view.id}`, { contactPhone: '13912345678' });
    expect(changed.statusCode).toBe(200);
    expect((await client.get('/api/v1/my/application')).json().form).toMatchObject({
      contactName: '王晓红',
      contactPhone: '13912345678',
    });
  });
});
