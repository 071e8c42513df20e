import { useQuery } from '@tanstack/react-query';
import { Play } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useApi } from '../../../api/api-context.js';
import { Button } from '../../../ui/button.js';
import { Field, inputClass } from '../../../ui/field.js';
import { ErrorState } from '../../../ui/states.js';
import { useTryCall } from '../hooks/use-first-run.js';

/** The tools your apps will see, and one call through the gateway with its answer (the server starts if needed). */
export function TryCallStep({ onCalled }: { onCalled: () => void }) {
  const { call } = useApi();
  const tools = useQuery({ queryKey: ['tools', 'all'], queryFn: () => call('tools.list', {}) });
  const available = (tools.data ?? []).filter((tool) => tool.enabled);
  const [choice, setChoice] = useState('');
  const [args, setArgs] = useState('{}');
  const [argsError, setArgsError] = useState<string | undefined>();
  const tryCall = useTryCall();
  const selectId = useId();
  const selected = available.find((tool) => `${tool.server}/${tool.name}` === choice) ?? available[0];
  useEffect(() => {
    if (tryCall.data && !tryCall.data.isError) onCalled();
  }, [tryCall.data, onCalled]);
  if (tools.isSuccess && available.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">Switch a server on first (step 2): its tools show here.</p>;
  }
  const run = () => {
    if (!selected) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(args || '{}');
    } catch (error) {
      return setArgsError(`Not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return setArgsError('Give the arguments as a JSON object, e.g. {"message": "hi"}.');
    setArgsError(undefined);
    tryCall.mutate({ name: selected.name, server: selected.server, arguments: parsed as Record<string, unknown> });
  };
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Your AI apps will see {available.length} {available.length === 1 ? 'tool' : 'tools'}. Call one here, through the gateway, as an app would.
      </p>
      <div className="space-y-1">
        <label htmlFor={selectId} className="text-sm font-medium">
          Tool
        </label>
        <select
          id={selectId}
          className={inputClass}
          value={selected ? `${selected.server}/${selected.name}` : ''}
          onChange={(event) => setChoice(event.target.value)}
        >
          {available.map((tool) => (
            <option key={`${tool.server}/${tool.name}`} value={`${tool.server}/${tool.name}`}>
              {tool.server} / {tool.name}
            </option>
          ))}
        </select>
        {selected?.description && <p className="text-xs text-slate-600 dark:text-slate-400">{selected.description}</p>}
      </div>
      <Field label="Arguments (JSON)" error={argsError}>
        <textarea className={`${inputClass} h-20 font-mono text-xs`} value={args} onChange={(event) => setArgs(event.target.value)} />
      </Field>
      <Button variant="primary" onClick={run} disabled={!selected || tryCall.isPending}>
        <Play className="h-3.5 w-3.5" aria-hidden />
        {tryCall.isPending ? 'Calling… (the server starts on its first call)' : 'Call the tool'}
      </Button>
      {tryCall.isError && <ErrorState title="The call failed" error={tryCall.error} />}
      {tryCall.data && (
        <div role="status" aria-label="Call result" className="space-y-1">
          <p className="text-sm font-medium">
            {tryCall.data.isError ? 'The tool answered with an error' : 'The tool answered'} in {Math.round(tryCall.data.durationMs)} ms:
          </p>
          <pre className="max-h-48 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-slate-950">
            {tryCall.data.text || '(no text)'}
          </pre>
        </div>
      )}
    </div>
  );
}
