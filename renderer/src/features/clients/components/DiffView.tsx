import { cn } from '../../../ui/cn.js';

/** A unified diff, its added lines green and removed lines red (with + and - kept, for those who see no colour). */
export function DiffView({ diff, label }: { diff: string; label: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="max-h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 py-2 font-mono text-xs leading-5 text-slate-900 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
    >
      {lines.map((line, index) => (
        <span
          key={index}
          className={cn(
            'block px-3 whitespace-pre',
            line.startsWith('+') && !line.startsWith('+++') && 'bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-100',
            line.startsWith('-') && !line.startsWith('---') && 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100',
            (line.startsWith('@@') || line.startsWith('---') || line.startsWith('+++')) && 'text-slate-600 dark:text-slate-400',
          )}
        >
          {line || ' '}
        </span>
      ))}
    </pre>
  );
}
