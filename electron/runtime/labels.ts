import { createHash } from 'node:crypto';

/**
 * Every container we create carries these labels, so we can find our own containers (and only ours) again:
 * at start-up to sweep the ones a crashed run left behind, and in tests to prove nothing leaked.
 */
export const labelKeys = {
  managed: 'io.switchyard.managed',
  server: 'io.switchyard.server',
  /** Hash of the state folder: two Switchyard homes (e.g. parallel tests) never touch each other's containers. */
  home: 'io.switchyard.home',
  /** PID of the gateway process that owns the container; a sweep removes containers whose owner is gone. */
  ownerPid: 'io.switchyard.owner-pid',
} as const;

export interface OwnerIdentity {
  homeHash: string;
  pid: number;
}

export function ownerIdentity(home: string, pid = process.pid): OwnerIdentity {
  return { homeHash: createHash('sha256').update(home).digest('hex').slice(0, 16), pid };
}

export function containerLabels(serverName: string, owner: OwnerIdentity): Record<string, string> {
  return {
    [labelKeys.managed]: 'true',
    [labelKeys.server]: serverName,
    [labelKeys.home]: owner.homeHash,
    [labelKeys.ownerPid]: String(owner.pid),
  };
}

/** A container is an orphan when it belongs to our home and its owning process no longer runs. */
export function isOrphan(labels: Record<string, string>, owner: OwnerIdentity, isAlive: (pid: number) => boolean): boolean {
  if (labels[labelKeys.managed] !== 'true' || labels[labelKeys.home] !== owner.homeHash) return false;
  const pid = Number(labels[labelKeys.ownerPid]);
  if (!Number.isInteger(pid) || pid <= 0) return true;
  return pid !== owner.pid && !isAlive(pid);
}
