import { useEffect } from 'react';
import { markOnce, startupMarks } from './startup-marks.js';

/** Marks the first screen as painted once `ready` (its data is rendered): in the frame after this commit's paint. */
export function useFirstScreenMark(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const frame = requestAnimationFrame(() => markOnce(startupMarks.firstScreen));
    return () => cancelAnimationFrame(frame);
  }, [ready]);
}
