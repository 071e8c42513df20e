import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import type { FirstRunStepSchema, StepOutcomeSchema } from '../../shared/first-run-types.js';

type Step = z.infer<typeof FirstRunStepSchema>;
type Outcome = z.infer<typeof StepOutcomeSchema>;

export interface FirstRunProgress {
  finished: boolean;
  steps: Partial<Record<Step, Outcome>>;
}

/**
 * The first run's progress, in `<home>/first-run.json` (the window's and the desktop app's alike): which steps
 * were done or skipped, and whether the guide was finished, so that it does not come back once it was. A file
 * that does not parse counts as no progress (the guide shows again; nothing else depends on it).
 */
export class FirstRunStore {
  readonly file: string;

  constructor(home: string) {
    this.file = path.join(home, 'first-run.json');
  }

  /** No file yet: the guide was never opened in this home. */
  get isNew(): boolean {
    return !existsSync(this.file);
  }

  load(): FirstRunProgress {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<FirstRunProgress>;
      return { finished: parsed.finished === true, steps: typeof parsed.steps === 'object' && parsed.steps !== null ? parsed.steps : {} };
    } catch {
      return { finished: false, steps: {} };
    }
  }

  update(change: { step?: Step; outcome?: Outcome; finished?: boolean }): FirstRunProgress {
    const current = this.load();
    const next: FirstRunProgress = {
      finished: change.finished ?? current.finished,
      steps: change.step && change.outcome ? { ...current.steps, [change.step]: change.outcome } : current.steps,
    };
    writeFileAtomic.sync(this.file, JSON.stringify(next, null, 2) + '\n', { mode: 0o600 });
    return next;
  }
}
