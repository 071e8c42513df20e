import { Button } from '../../../../ui/button.js';
import { useQueryClient } from '@tanstack/react-query';
import { KeyRound, Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { notify } from '../../../../ui/toast.js';
import { useApi } from '../../../../api/api-context.js';
import { errorText } from './error-text.js';
import { ConfirmDialog } from '../../../../ui/confirm-dialog.js';

export interface SecretRequirement {
  key: string;
  env: string;
  set: boolean;
  required: boolean;
  description?: string;
}

/**
 * One write-only secret: whether it is set (never its value), Save / Replace / Delete. The value goes straight
 * from the input to secret.set: no query or mutation cache holds it, the form never submits to a URL, and the
 * input is emptied and unmounted as soon as the engine has it.
 */
export function SecretField({ server, secret, backend }: { server: string; secret: SecretRequirement; backend?: string }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [editing, setEditing] = useState(!secret.set);
  // What this field just did, until the engine's answer (a refetched readiness) says the same.
  const [setHere, setSetHere] = useState<boolean>();
  useEffect(() => setSetHere(undefined), [secret.set]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const isSet = setHere ?? secret.set;
  const label = secret.description ?? secret.key;

  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: ['server', server] }), queryClient.invalidateQueries({ queryKey: ['secrets'] })]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const field = input.current;
    if (!field) return;
    if (field.value === '') {
      setProblem('Type the value first.');
      field.focus();
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await call('secret.set', { key: secret.key, value: field.value });
      field.value = '';
      setSetHere(true);
      setEditing(false);
      notify.success(`Saved ${secret.key}`);
      await refresh();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await call('secret.delete', { key: secret.key });
      setSetHere(false);
      setEditing(true);
      notify.success(`Deleted ${secret.key}`);
      await refresh();
    } catch (error) {
      setProblem(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const statusText = isSet ? 'Set' : secret.required ? 'Not set (required)' : 'Not set (optional)';
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`${id}-title`} className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
            <KeyRound aria-hidden="true" className="h-4 w-4 shrink-0 text-slate-500 dark:text-slate-400" />
            <span className="break-all">{secret.key}</span>
          </h3>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            {secret.description ? `${secret.description} · ` : ''}passed as <code className="font-mono text-xs">{secret.env}</code>
          </p>
        </div>
        <span
          className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${
            isSet
              ? 'bg-emerald-100 text-emerald-800 dark:bg-emerald-900/60 dark:text-emerald-200'
              : secret.required
                ? 'bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100'
                : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200'
          }`}
        >
          {statusText}
          {isSet && backend ? ` · ${backendName(backend)}` : ''}
        </span>
      </div>
      {editing ? (
        <form noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end" onSubmit={(event) => void save(event)}>
          <div className="flex min-w-0 flex-1 flex-col gap-1">
            <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-100">
              {isSet ? `New value for ${label}` : `Value for ${label}`}
            </label>
            <input
              ref={input}
              id={id}
              type="password"
              autoComplete="off"
              spellCheck={false}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              aria-required={secret.required || undefined}
              className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 focus:border-blue-500 focus:outline-2 focus:outline-blue-500 aria-[invalid=true]:border-red-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
            />
          </div>
          <div className="flex gap-2">
            <Button variant="primary" type="submit" disabled={busy}>
              {busy ? 'Saving…' : `Save ${secret.key}`}
            </Button>
            {isSet ? (
              <Button variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            ) : null}
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            Replace {secret.key}
          </Button>
          <Button variant="danger" size="sm" disabled={busy} onClick={() => setConfirmDelete(true)}>
            Delete {secret.key}
          </Button>
        </div>
      )}
      {problem ? (
        <p id={`${id}-problem`} role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
          {problem}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={`Delete ${secret.key}?`}
        description={`The value is removed from the secret store. ${secret.required ? `${server} will not start until it is set again.` : `${server} will start without it.`}`}
        confirmLabel="Delete secret"
        confirmIcon={Trash2}
        onConfirm={() => void remove()}
      />
    </section>
  );
}

/** The engine's backend id in words. */
export function backendName(backend: string): string {
  switch (backend) {
    case 'keyring':
      return 'OS keyring';
    case 'safe-storage':
    case 'safeStorage':
      return 'Electron safeStorage';
    case 'encrypted-file':
      return 'encrypted file';
    default:
      return backend;
  }
}
