import { err, ok } from '../../../drivers/result';
import type { Result } from '../../../drivers/result';
import type { BatchAnswer, KioskContract, SealedBlob } from '../../api/contract';
import type { BatchItemResult } from '../../api/platform-schemas';
import type { HandlersOf } from '../../api/define';
import { createSendLane } from '../../api/send-in-turn';
import type { Vault } from '../vault/vault';
import type { CanonicalItem, PlatformClient } from './client';
import type { EnrolmentStore } from './enrolment-store';
import type { NetworkGate } from './network-gate';
import { verifyPreApplication } from './pre-application';

/**
 * The host handlers of the contract's `vault` and `platform` groups (issue 4 items 2–4). The
 * renderer's outbox holds only sealed blobs and masked metadata; everything that needs the key
 * or the network happens here.
 */
export interface DataHandlerDeps {
  readonly vault: Vault;
  readonly client: PlatformClient;
  readonly enrolment: EnrolmentStore;
  /** when given, a closed gate answers health as offline without asking the client */
  readonly networkGate?: NetworkGate;
  readonly appVersion: string;
  readonly uptimeSec: () => number;
  readonly deviceStates: () => readonly { kind: string; adapter: string; state: string }[];
  readonly now?: () => number;
  /** told after every successful enrolment (the renderer resumes a sync a 401 stopped) */
  readonly onEnrolled?: (terminalId: string) => void;
}

type Handlers = HandlersOf<KioskContract>;

export function createDataHandlers(deps: DataHandlerDeps): { vault: Handlers['vault']; platform: Handlers['platform'] } {
  const { vault, client, enrolment } = deps;
  const now = deps.now ?? Date.now;
  /** platform minus host clock from the last successful health check; stamped on new transactions */
  let clockOffsetMs: number | undefined;
  /** every sendBatches call of this terminal goes out through one lane */
  const lane = createSendLane();

  const notEnrolled = (what: string) => err('not-enrolled', `${what}: the terminal is not enrolled`);

  /**
   * The items exactly as sealed when the citizen confirmed: the unsealed canonical JSON is what
   * goes on the wire, never parsed into an object and rendered again.
   */
  function openItems(sent: readonly { id: string; sealed?: SealedBlob | undefined }[]): Result<CanonicalItem[]> {
    const items: CanonicalItem[] = [];
    for (const { id, sealed } of sent) {
      const opened = vault.openForSend(id, sealed);
      if (!opened.ok) return err(opened.error.code, `transaction ${id}: ${opened.error.message}`);
      items.push({ id, json: opened.value });
    }
    return ok(items);
  }

  /**
   * The answer does not wait for the journal: deleting the accepted entries runs afterwards in
   * the journal's queue, and a later journal read queues behind it. A deletion that fails or is
   * lost to a crash only leaves an entry journaled, and resending it yields `duplicate`; the
   * result is Result-typed and never rejects.
   */
  function forgetAccepted(results: readonly BatchItemResult[]): void {
    const accepted = results.filter((r) => r.status === 'accepted' || r.status === 'duplicate').map((r) => r.id);
    if (accepted.length > 0) void vault.markAccepted(...accepted);
  }

  return {
    vault: {
      async sealTransaction(input) {
        const current = enrolment.current();
        // A revoked terminal still takes applications: they wait in the outbox for re-enrolment.
        if (!current) return notEnrolled('cannot seal a transaction');
        return vault.sealTransaction(input, clockOffsetMs === undefined ? { terminalId: current.terminalId } : { terminalId: current.terminalId, clockOffsetMs });
      },
      sealAttachment: (input) => vault.sealAttachment(input),
      journal: async ({ afterSeq, limit = 50 }) => {
        const entries = await vault.pending(afterSeq === undefined ? { limit } : { afterSeq, limit });
        const last = entries.at(-1);
        return ok({ entries, nextAfterSeq: entries.length === limit && last ? last.transaction.seq : null });
      },
      async forgetAccepted({ ids }) {
        const forgotten = await vault.markAccepted(...ids);
        return forgotten.ok ? ok(null) : forgotten;
      },
    },

    platform: {
      async health() {
        if (deps.networkGate && !deps.networkGate.isUp()) return ok({ online: false });
        const r = await client.health();
        // Offline is a state the UI shows, not a failure of this call.
        if (!r.ok) return ok({ online: false });
        clockOffsetMs = r.value.clockOffsetMs;
        const health = { online: true, serverTime: r.value.serverTime, clockOffsetMs: r.value.clockOffsetMs };
        return ok(r.value.minAppVersion === undefined ? health : { ...health, minAppVersion: r.value.minAppVersion });
      },

      async enrol(input) {
        const r = await client.enrol({ enrolmentCode: input.enrolmentCode, terminalId: input.terminalId, site: input.site, appVersion: deps.appVersion });
        if (!r.ok) return r;
        const saved = await enrolment.save({
          terminalId: input.terminalId,
          site: input.site,
          token: r.value.terminalToken,
          platformKey: r.value.platformKey.publicKey,
          enrolledAt: new Date(now()).toISOString(),
        });
        if (!saved.ok) return saved;
        deps.onEnrolled?.(input.terminalId);
        return ok({ terminalId: input.terminalId });
      },

      async heartbeat(input) {
        const r = await client.heartbeat({ appVersion: deps.appVersion, uptimeSec: deps.uptimeSec(), queue: input.queue, devices: deps.deviceStates() });
        return r.ok ? ok(null) : r;
      },

      async uploadAttachment(input) {
        const bytes = vault.unsealAttachment(input.sha256, input.sealed);
        if (!bytes.ok) return bytes;
        // §4: HEAD first; a photo the platform already holds is not sent again.
        const head = await client.headAttachment(input.sha256);
        if (!head.ok) return head;
        if (head.value.stored) return ok({ stored: 'existing' as const });
        const put = await client.putAttachment(input.sha256, bytes.value, input.contentType);
        return put.ok ? ok({ stored: put.value.stored }) : put;
      },

      async sendBatch(input) {
        const items = openItems(input.items);
        if (!items.ok) return items;
        const r = await client.sendBatchJson(items.value);
        if (!r.ok) return r;
        forgetAccepted(r.value);
        return ok({ results: r.value });
      },

      async sendBatches({ batches }) {
        const results: BatchItemResult[] = [];
        const answers = await lane.send(batches, (batch) => {
          const items = openItems(batch.items);
          if (!items.ok) return { error: items.error };
          return () => client.sendBatchJson(items.value).then((r): BatchAnswer => {
            if (!r.ok) return { error: r.error };
            results.push(...r.value);
            return { results: r.value };
          });
        });
        // one journal write for the whole call
        forgetAccepted(results);
        return ok({ answers });
      },

      reference: (input) => client.reference(input.cursor),
      caseStatus: (input) => client.caseStatus(input.caseNumber),

      async verifyPreApplication(input) {
        const current = enrolment.current();
        if (!current) return notEnrolled('cannot verify a pre-application code without the platform key');
        return verifyPreApplication(input.code, current.platformKey, now());
      },
    },
  };
}
