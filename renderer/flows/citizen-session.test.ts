import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActor, type ActorRefFrom } from 'xstate';
import { err, ok } from '../../drivers/result';
import type { Receipt } from '../../drivers/printer/types';
import { createCitizenSessionMachine } from './citizen-session-machine';
import type { ReadCardMachine } from './read-card-machine';
import { createRenewalFlowMachine, type RenewalFlowMachine } from './renewal-flow-machine';
import { CARD, fakeDeps, PHOTO, TIMINGS, type FakeOptions } from './testing/fakes';

function startSession(options: FakeOptions = {}) {
  const fakes = fakeDeps(options);
  const machine = createCitizenSessionMachine({ renewalFlow: createRenewalFlowMachine(fakes.deps), timings: TIMINGS, now: fakes.deps.now });
  const session = createActor(machine).start();
  const flow = () => session.getSnapshot().children.flow as ActorRefFrom<RenewalFlowMachine> | undefined;
  const flowState = () => flow()?.getSnapshot().value;
  return { ...fakes, session, flow, flowState };
}

const settle = () => vi.advanceTimersByTimeAsync(0);

async function toConfirm(s: ReturnType<typeof startSession>) {
  s.session.send({ type: 'START' });
  s.session.send({ type: 'CHOOSE_GROUP', group: 'id' });
  s.session.send({ type: 'CHOOSE_SERVICE', service: 'id.renewal' });
  await settle();
  expect(s.flowState()).toBe('details');
  s.flow()?.send({ type: 'CONTINUE' });
  s.flow()?.send({ type: 'PHOTO_ACCEPTED', photo: PHOTO });
  expect(s.flowState()).toBe('confirm');
}

const receiptText = (r: unknown) =>
  (r as Receipt).lines.map((l) => (l.type === 'text' ? l.text : l.type === 'row' ? `${l.left} ${l.right}` : '')).join('\n');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('renewal through the citizen session', () => {
  it('stores the application before printing, prints the receipt, and wipes on finish', async () => {
    const s = startSession({ cases: [null, 'CASE-7'] });
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    await settle();
    expect(s.flowState()).toEqual({ done: 'settled' });
    expect(s.calls).toEqual([
      'idReader.read',
      'vault.sealAttachment',
      'vault.sealTransaction',
      'outbox.enqueue',
      'sync.kick',
      'sync.waitForCase',
      'printer.print',
      'sync.waitForCase',
    ]);
    expect(s.sealInputs[0]).toMatchObject({
      id: '01JX0000000000000000000001',
      applicant: { idNumber: CARD.idNumber, name: CARD.name },
      attachments: [{ sha256: 'b'.repeat(64), role: 'photo', contentType: 'image/jpeg', size: 16_000 }],
    });
    const text = receiptText(s.printed[0]);
    expect(text).toContain('张*');
    expect(text).not.toContain(CARD.idNumber);
    expect(text).toContain('待上传');
    expect(s.flow()?.getSnapshot().context.caseNumber).toBe('CASE-7');

    s.flow()?.send({ type: 'FINISH' });
    expect(s.session.getSnapshot().value).toBe('attract');
    expect(s.flow()).toBeUndefined();
  });

  it('prints the case number when the platform accepted before printing', async () => {
    const s = startSession({ cases: ['CASE-1'] });
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    await settle();
    expect(receiptText(s.printed[0])).toContain('CASE-1');
    expect(s.calls.filter((c) => c === 'sync.waitForCase')).toHaveLength(1);
  });

  it('prints nothing when the outbox refuses, and retries with the same reference', async () => {
    const s = startSession({ enqueue: [err('storage-full', 'quota')] });
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    await settle();
    expect(s.flowState()).toBe('submitFailed');
    expect(s.flow()?.getSnapshot().context.submitError?.code).toBe('storage-full');
    expect(s.calls).not.toContain('printer.print');

    s.flow()?.send({ type: 'RETRY' });
    await settle();
    expect(s.flow()?.getSnapshot().matches('done')).toBe(true);
    expect(s.sealInputs.map((i) => i.id)).toEqual(['01JX0000000000000000000001', '01JX0000000000000000000001']);
    expect(s.enqueued).toHaveLength(1);
    expect(s.calls).toContain('printer.print');
  });

  it('reaches done with the printer error when the printer refuses: the application is already queued', async () => {
    const s = startSession({ print: err('paper-out', 'paper out') });
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    await settle();
    expect(s.flow()?.getSnapshot().matches('done')).toBe(true);
    expect(s.flow()?.getSnapshot().context.printError?.code).toBe('paper-out');
    expect(s.enqueued).toHaveLength(1);
  });

  it('returns to the attract screen by itself after the done screen', async () => {
    const s = startSession();
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    await settle();
    await vi.advanceTimersByTimeAsync(TIMINGS.doneReturnMs);
    expect(s.session.getSnapshot().value).toBe('attract');
  });
});

describe('the place-card step', () => {
  it('shows the coded failure, reads again on retry, and cancels the reader when the citizen leaves', async () => {
    const s = startSession({ reads: [err('no-card', 'timeout'), err('read-failed', 'crc')] });
    s.session.send({ type: 'START' });
    s.session.send({ type: 'CHOOSE_GROUP', group: 'id' });
    s.session.send({ type: 'CHOOSE_SERVICE', service: 'id.renewal' });
    await settle();
    const reader = () => s.flow()?.getSnapshot().children.readCard as ActorRefFrom<ReadCardMachine> | undefined;
    expect(reader()?.getSnapshot().context.error?.code).toBe('no-card');
    s.flow()?.send({ type: 'RETRY' });
    await settle();
    expect(reader()?.getSnapshot().context.error?.code).toBe('read-failed');
    s.flow()?.send({ type: 'RETRY' });
    s.session.send({ type: 'HOME' });
    await settle();
    expect(s.calls.filter((c) => c === 'idReader.read')).toHaveLength(3);
    expect(s.calls.at(-1)).toBe('idReader.cancel');
    expect(s.session.getSnapshot().value).toBe('attract');
  });

  it('does not continue with a card that is not yet due for renewal', async () => {
    const s = startSession({ reads: [ok({ ...CARD, validTo: '2030-01-01' })] });
    s.session.send({ type: 'START' });
    s.session.send({ type: 'CHOOSE_GROUP', group: 'id' });
    s.session.send({ type: 'CHOOSE_SERVICE', service: 'id.renewal' });
    await settle();
    expect(s.flow()?.getSnapshot().context.eligibility).toMatchObject({ eligible: false, reason: 'not-yet' });
    s.flow()?.send({ type: 'CONTINUE' });
    expect(s.flowState()).toBe('details');
  });
});

describe('the session', () => {
  it('does not open services that are not built', () => {
    const s = startSession();
    s.session.send({ type: 'START' });
    s.session.send({ type: 'CHOOSE_GROUP', group: 'ee' });
    s.session.send({ type: 'CHOOSE_GROUP', group: 'id' });
    s.session.send({ type: 'CHOOSE_SERVICE', service: 'id.lost' });
    expect(s.session.getSnapshot().value).toEqual({ session: { screen: 'idServices', idle: 'watching' } });
  });

  it('warns after inactivity, keeps the session on a touch, and wipes it when the warning runs out', async () => {
    const s = startSession();
    s.session.send({ type: 'START' });
    s.session.send({ type: 'TOGGLE_LANGUAGE' });
    await vi.advanceTimersByTimeAsync(TIMINGS.idleMs);
    expect(s.session.getSnapshot().matches({ session: { idle: 'warning' } })).toBe(true);
    expect(s.session.getSnapshot().context.idleDeadline).toBeGreaterThan(0);
    s.session.send({ type: 'ACTIVITY' });
    expect(s.session.getSnapshot().matches({ session: { idle: 'watching' } })).toBe(true);

    s.session.send({ type: 'CHOOSE_GROUP', group: 'id' });
    s.session.send({ type: 'CHOOSE_SERVICE', service: 'id.renewal' });
    await settle();
    expect(s.flowState()).toBe('details');
    await vi.advanceTimersByTimeAsync(TIMINGS.idleMs + TIMINGS.idleWarningMs);
    expect(s.session.getSnapshot().value).toBe('attract');
    expect(s.session.getSnapshot().context).toEqual({ language: 'zh-CN', idleDeadline: 0 });
    expect(s.flow()).toBeUndefined();
  });

  it('does not let inactivity cut off an application being stored and printed', async () => {
    const s = startSession();
    await toConfirm(s);
    s.flow()?.send({ type: 'CONFIRM' });
    expect(s.session.getSnapshot().matches({ session: { idle: 'committed' } })).toBe(true);
    await vi.advanceTimersByTimeAsync(TIMINGS.doneReturnMs - 1);
    expect(s.flow()?.getSnapshot().matches('done')).toBe(true);
  });

  it('switches language for the session and back to Chinese afterwards', () => {
    const s = startSession();
    s.session.send({ type: 'TOGGLE_LANGUAGE' });
    s.session.send({ type: 'START' });
    expect(s.session.getSnapshot().context.language).toBe('en');
    s.session.send({ type: 'HOME' });
    expect(s.session.getSnapshot().context.language).toBe('zh-CN');
  });
});
