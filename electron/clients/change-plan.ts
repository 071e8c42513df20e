import { createTwoFilesPatch } from 'diff';
import type { ClientPlan, TransportReasonSchema } from '../../shared/catalog-types.js';
import type { z } from 'zod';
import type { ClientDefinition, TransportKind } from './types.js';

/**
 * A change to a client's config file, computed before anything is written: connect and disconnect write it,
 * plan describes it (the text before and after, a unified diff, the backup's path) for a person to read first.
 */

export type TransportReason = z.infer<typeof TransportReasonSchema>;
export type ChangePlan = ClientPlan;

/** What the connector computed: the file's text now and after (undefined: removed, or no file). */
export interface PreparedChange {
  client: ClientDefinition;
  file: string;
  changed: boolean;
  created: boolean;
  deleted: boolean;
  before?: string;
  after?: string;
  transport?: TransportKind;
  transportReason?: TransportReason;
  /** The bearer tokens of the entry being replaced or removed (kept out of backups and of plans). */
  tokens: string[];
}

/** Where a bearer token stands in a plan's text: a plan never carries the token itself. */
export const shownToken = '<gateway token>';

/** Suffix of the copy of the previous file kept beside it. */
export const backupSuffix = '.switchyard-backup';

/** The plan of a prepared change, with every token in `hide` replaced by the placeholder. */
export function describePlan(change: PreparedChange & { action: 'connect' | 'disconnect'; transports: TransportKind[] }, hide: string[]): ChangePlan {
  const tokens = hide.filter((token) => token.length > 0);
  const shown = (text: string) => tokens.reduce((current, token) => current.split(token).join(shownToken), text);
  const before = shown(change.before ?? '');
  const after = shown(change.deleted ? '' : (change.after ?? change.before ?? ''));
  return {
    client: change.client.id,
    action: change.action,
    file: change.file,
    changed: change.changed,
    created: change.created,
    deleted: change.deleted,
    ...(change.transport ? { transport: change.transport } : {}),
    ...(change.transportReason ? { transportReason: change.transportReason } : {}),
    transports: change.transports,
    before,
    after,
    diff: change.changed ? unifiedDiff(change.file, before, after, change) : '',
    ...(change.changed && change.before !== undefined ? { backup: change.file + backupSuffix } : {}),
  };
}

/** A unified diff of the whole file (3 lines of context), headed by the file's path, without jsdiff's Index banner. */
export function unifiedDiff(file: string, before: string, after: string, how: { created: boolean; deleted: boolean }): string {
  const patch = createTwoFilesPatch(file, file, before, after, how.created ? 'new file' : 'now', how.deleted ? 'removed' : 'after the change', { context: 3 });
  return patch.replace(/^Index: .*\n=+\n/, '');
}
