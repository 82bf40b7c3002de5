import { describe, expect, it } from 'vitest';
import { enqueueTransaction } from '../outbox/enqueue';
import { freshDb, testEntry, testUlid } from '../outbox/testing';
import { FakePlatform } from './fake-platform';
import { sendHeartbeat } from './heartbeat';

describe('sendHeartbeat', () => {
  it('sends exactly the queue counts, no personal data', async () => {
    const { db } = freshDb();
    const platform = new FakePlatform();
    await enqueueTransaction(db, testEntry(1, { createdAt: '2026-11-24T09:58:00.000Z' }));
    await enqueueTransaction(db, testEntry(2, { createdAt: '2026-11-24T09:59:00.000Z' }));
    await db.deadLetters.put({ id: testUlid(9), reason: { code: 'id-number-invalid', message: 'x', field: 'applicant.idNumber' }, source: 'platform', at: 0 });

    expect(await sendHeartbeat(db, platform.client(), Date.parse('2026-11-24T10:00:00.000Z'))).toEqual({ ok: true, value: null });
    expect(platform.heartbeats).toEqual([{ queue: { pending: 2, deadLetters: 1, oldestPendingAgeSec: 120 } }]);
    const wire = JSON.stringify(platform.heartbeats);
    for (const secret of ['张', '110105', '002X', testUlid(1), 'ciphertext']) expect(wire).not.toContain(secret);
  });

  it('passes a host failure through as a result', async () => {
    const { db } = freshDb();
    const platform = new FakePlatform();
    platform.failNext('heartbeat', { code: 'network-down' });
    expect(await sendHeartbeat(db, platform.client(), 0)).toMatchObject({ ok: false, error: { code: 'network-down' } });
  });
});
