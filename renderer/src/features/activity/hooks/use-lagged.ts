import { useEffect, useState } from 'react';

/**
 * `value`, taking on each new value `delayMs` later: a second chart over the same data redraws in its own task
 * after the first, so two redraws are two short pieces of work instead of one long one.
 */
export function useLagged<T>(value: T, delayMs: number): T {
  const [lagged, setLagged] = useState(value);
  useEffect(() => {
    if (Object.is(lagged, value)) return;
    const timer = setTimeout(() => setLagged(() => value), delayMs);
    return () => clearTimeout(timer);
  }, [value, lagged, delayMs]);
  return lagged;
}
