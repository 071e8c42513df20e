const tones: Record<string, string> = {
  running: 'bg-emerald-100 text-emerald-800 ring-emerald-600/20',
  starting: 'bg-amber-100 text-amber-800 ring-amber-600/20',
  stopping: 'bg-amber-100 text-amber-800 ring-amber-600/20',
  error: 'bg-red-100 text-red-800 ring-red-600/20',
  stopped: 'bg-slate-100 text-slate-700 ring-slate-500/20',
};

/** The text is exactly the state value: tests and users read the same word the engine reports. */
export function StateBadge({ state, testId }: { state: string; testId?: string }) {
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[state] ?? tones.stopped}`}
    >
      {state}
    </span>
  );
}
