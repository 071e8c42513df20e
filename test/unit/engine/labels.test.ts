import { describe, expect, it, vi } from 'vitest';
import { processAlive } from '../../../electron/core/process-alive.js';
import { containerLabels, isOrphan, labelKeys, ownerIdentity } from '../../../electron/runtime/labels.js';

const owner = ownerIdentity('/home/a/.config/Switchyard', 1000);
const otherHome = ownerIdentity('/home/b/.config/Switchyard', 1000);

function labelsWith(pid: string | undefined, home = owner.homeHash): Record<string, string> {
  const labels: Record<string, string> = { [labelKeys.managed]: 'true', [labelKeys.server]: 'github', [labelKeys.home]: home };
  if (pid !== undefined) labels[labelKeys.ownerPid] = pid;
  return labels;
}

describe('ownerIdentity', () => {
  it('hashes the home folder to 16 hex characters, stably, and keeps the pid', () => {
    expect(owner.homeHash).toMatch(/^[0-9a-f]{16}$/);
    expect(ownerIdentity('/home/a/.config/Switchyard', 1).homeHash).toBe(owner.homeHash);
    expect(otherHome.homeHash).not.toBe(owner.homeHash);
    expect(owner.pid).toBe(1000);
  });

  it('defaults the pid to this process', () => {
    expect(ownerIdentity('/x').pid).toBe(process.pid);
  });
});

describe('containerLabels', () => {
  it('writes every label as a string', () => {
    expect(containerLabels('github', owner)).toEqual({
      'io.switchyard.managed': 'true',
      'io.switchyard.server': 'github',
      'io.switchyard.home': owner.homeHash,
      'io.switchyard.owner-pid': '1000',
    });
  });
});

describe('isOrphan', () => {
  const dead = () => false;
  const alive = () => true;

  it('is never true for a container of another home, even when its owner is dead', () => {
    const isAlive = vi.fn(dead);
    expect(isOrphan(labelsWith('555', otherHome.homeHash), owner, isAlive)).toBe(false);
    expect(isAlive).not.toHaveBeenCalled();
  });

  it('is never true for a container that is not marked as managed', () => {
    const labels = { ...labelsWith('555'), [labelKeys.managed]: 'false' };
    expect(isOrphan(labels, owner, dead)).toBe(false);
    expect(isOrphan({}, owner, dead)).toBe(false);
  });

  it('is false for a container owned by this very process, without asking whether it is alive', () => {
    const isAlive = vi.fn(dead);
    expect(isOrphan(labelsWith('1000'), owner, isAlive)).toBe(false);
    expect(isAlive).not.toHaveBeenCalled();
  });

  it('is true when the owning process of our home is gone', () => {
    const isAlive = vi.fn(dead);
    expect(isOrphan(labelsWith('555'), owner, isAlive)).toBe(true);
    expect(isAlive).toHaveBeenCalledWith(555);
  });

  it('is false when another live process of our home owns it (e.g. a second gateway)', () => {
    expect(isOrphan(labelsWith('555'), owner, alive)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'abc'],
    ['fractional', '12.5'],
    ['zero', '0'],
    ['negative', '-7'],
  ])('is true when the owner pid is %s (nobody can own it)', (_what, pid) => {
    expect(isOrphan(labelsWith(pid), owner, alive)).toBe(true);
  });
});

describe('processAlive', () => {
  it('is true for this process and false for a pid that cannot exist', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(2 ** 22 + 12345)).toBe(false);
  });
});
