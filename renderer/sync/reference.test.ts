import { describe, expect, it } from 'vitest';
import { freshDb } from '../outbox/testing';
import { FakePlatform } from './fake-platform';
import { REFERENCE_CURSOR_KEY, cachedServices, pullReference } from './reference';

const title = (zh: string, en: string): Record<string, string> => ({ 'zh-CN': zh, en });

function pages(platform: FakePlatform): void {
  platform.referencePages = [
    {
      cursor: 'c1',
      complete: false,
      items: [
        { kind: 'service', key: 'dl.renewal', value: { title: title('机动车驾驶证期满换证', 'Driving licence renewal'), enabled: true, feeCny: 10, online: false } },
        { kind: 'service', key: 'id.renewal', value: { title: title('居民身份证有效期满换领', 'ID card renewal'), enabled: true, feeCny: 20 } },
      ],
    },
    {
      cursor: 'c2',
      complete: false,
      items: [
        { kind: 'office', key: '320402', value: { name: title('钟楼分局', 'Zhonglou'), pickup: true } },
        { kind: 'service', key: 'not.a.service', value: { title: title('x', 'x'), enabled: true } },
        { kind: 'service', key: 'id.lost', value: { enabled: 'yes' } },
      ],
    },
    { cursor: 'c3', complete: true, items: [{ kind: 'service', key: 'dl.renewal', deleted: true }] },
  ];
}

describe('reference data', () => {
  it('pages by cursor until complete, deleting deleted items, and serves the cached catalogue', async () => {
    const { db } = freshDb();
    const platform = new FakePlatform();
    pages(platform);
    expect(await pullReference(db, platform.client())).toEqual({ ok: true, value: { pages: 3, stored: 5, deleted: 1, complete: true } });
    expect(platform.referenceCursors).toEqual([undefined, 'c1', 'c2']);
    expect((await db.syncState.get(REFERENCE_CURSOR_KEY))?.value).toBe('c3');
    expect(await db.reference.get(['office', '320402'])).toMatchObject({ value: { pickup: true } });

    // the deleted dl.renewal is gone; unknown codes and malformed values are left out
    expect(await cachedServices(db)).toEqual([{ code: 'id.renewal', title: title('居民身份证有效期满换领', 'ID card renewal'), enabled: true, feeCny: 20 }]);
  });

  it('resumes from the last stored cursor after a failure or a restart', async () => {
    const { db } = freshDb();
    const platform = new FakePlatform();
    pages(platform);
    // page 1 arrives, page 2 fails
    const client = platform.client();
    let calls = 0;
    const flaky = {
      platform: {
        ...client.platform,
        reference: async (input?: { cursor?: string }) => {
          calls += 1;
          return calls === 2 ? { ok: false as const, error: { code: 'network', message: 'reset' } } : client.platform.reference(input);
        },
      },
    };
    expect(await pullReference(db, flaky)).toEqual({ ok: false, error: { code: 'network', message: 'reset' } });
    expect((await db.syncState.get(REFERENCE_CURSOR_KEY))?.value).toBe('c1');
    expect(await db.reference.count()).toBe(2);

    expect(await pullReference(db, platform.client())).toMatchObject({ ok: true, value: { pages: 2, complete: true } });
    expect(platform.referenceCursors).toEqual([undefined, 'c1', 'c2']);

    // after a complete pull the next one asks only for changes since the last cursor
    expect(await pullReference(db, platform.client())).toMatchObject({ ok: true, value: { pages: 1, stored: 0 } });
    expect(platform.referenceCursors.at(-1)).toBe('c3');
  });

  it('stops after a bounded number of pages when the server never completes', async () => {
    const { db } = freshDb();
    const platform = new FakePlatform();
    platform.referencePages = Array.from({ length: 10 }, (_, i) => ({ cursor: `c${i}`, complete: false, items: [] }));
    expect(await pullReference(db, platform.client(), { maxPages: 4 })).toEqual({ ok: true, value: { pages: 4, stored: 0, deleted: 0, complete: false } });
    expect((await db.syncState.get(REFERENCE_CURSOR_KEY))?.value).toBe('c3');
  });
});
