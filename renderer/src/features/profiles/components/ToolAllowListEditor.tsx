import { Save } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { Badge } from '../../../ui/badge.js';
import { Button } from '../../../ui/button.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { useServerTools } from '../../servers/hooks/use-server-queries.js';
import { errorCode, errorText } from '../../servers/components/server-page/error-text.js';
import { useProfileChange } from '../hooks/use-profile-queries.js';
import { allowListInput, toolChoices, type AllowMode, type ToolChoice } from '../lib/allow-list.js';
import { refusedField } from '../lib/profile-errors.js';

export interface ToolAllowListEditorProps {
  profile: string;
  server: string;
  /** The member's allow-list now (absent: every tool). */
  allow: readonly string[] | undefined;
  /** Whether the server is enabled (a disabled one's tools are not read). */
  serverEnabled: boolean;
  onSaved: () => void;
  onCancel: () => void;
}

/**
 * Which of a server's tools a profile's clients see: a checkbox per tool from the server's last tool list (no
 * container is started to show it). Every box checked and nothing chosen means every tool, also the ones the
 * server adds later; unchecking one narrows the profile to the checked tools. A name allowed earlier that the
 * server no longer offers stays in the list, so saving loses nothing that was not unchecked.
 */
export function ToolAllowListEditor({ profile, server, allow, serverEnabled, onSaved, onCancel }: ToolAllowListEditorProps) {
  const tools = useServerTools(server, serverEnabled);
  const save = useProfileChange('profile.setTools');
  const [mode, setMode] = useState<AllowMode>(allow ? 'only' : 'all');
  const [checked, setChecked] = useState<ReadonlySet<string>>(() => new Set(allow ?? []));
  const [problem, setProblem] = useState<string>();
  const choices = useMemo(() => toolChoices(tools.data ?? [], allow), [tools.data, allow]);
  const problemId = useId();

  const toggle = (name: string, on: boolean) => {
    setProblem(undefined);
    const next = new Set(mode === 'all' ? choices.map((choice) => choice.name) : checked);
    if (on) next.add(name);
    else next.delete(name);
    setMode('only');
    setChecked(next);
  };

  const submit = () => {
    const input = allowListInput(mode, checked, choices);
    if ('problem' in input) return setProblem(input.problem);
    save.mutate(
      { name: profile, server, allow: input.allow },
      {
        onSuccess: onSaved,
        onError: (error) => setProblem(refusedField(error, ['allow', 'server'])?.text ?? errorText(error)),
      },
    );
  };

  const unknownTools = !serverEnabled || (tools.isError && errorCode(tools.error) === 'SERVER_NOT_FOUND') || (tools.isSuccess && tools.data.length === 0);
  const count = mode === 'all' ? choices.length : choices.filter((choice) => checked.has(choice.name)).length;

  return (
    <form
      className="space-y-4"
      aria-label={`Tools of ${server} in ${profile}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p className="text-sm" role="status">
        {mode === 'all' ? (
          <>
            <strong>Every tool</strong> of {server}, also tools it adds later.
          </>
        ) : (
          <>
            <strong>
              {count} of {choices.length}
            </strong>{' '}
            tools: clients of {profile} see only the checked ones.
          </>
        )}
      </p>
      {serverEnabled && tools.isPending ? (
        <LoadingState label={`Reading the tools of ${server}…`} />
      ) : tools.isError && !unknownTools ? (
        <ErrorState
          title={`Could not read the tools of ${server}`}
          error={tools.error}
          action={<Button onClick={() => void tools.refetch()}>Try again</Button>}
        />
      ) : (
        <>
          {unknownTools && (
            <p className="rounded-md border border-dashed border-slate-300 p-3 text-sm text-slate-700 dark:border-slate-600 dark:text-slate-300">
              {serverEnabled
                ? `No tools of ${server} are known yet: the list is learned the first time it runs. Start it on My servers, then choose here.`
                : `${server} is disabled: enable it to learn its tools. Its clients see nothing of it until then.`}
            </p>
          )}
          {choices.length > 0 && (
            <fieldset aria-describedby={problem ? problemId : undefined}>
              <legend className="sr-only">Tools of {server}</legend>
              <div className="mb-2 flex flex-wrap gap-2">
                <Button size="sm" onClick={() => (setMode('all'), setProblem(undefined))} disabled={mode === 'all'}>
                  Allow every tool
                </Button>
                <Button size="sm" onClick={() => (setMode('only'), setChecked(new Set()), setProblem(undefined))}>
                  Uncheck all
                </Button>
              </div>
              <ul className="max-h-[50vh] divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
                {choices.map((choice) => (
                  <ToolCheckbox
                    key={choice.name}
                    server={server}
                    choice={choice}
                    checked={mode === 'all' || checked.has(choice.name)}
                    onChange={(on) => toggle(choice.name, on)}
                  />
                ))}
              </ul>
            </fieldset>
          )}
        </>
      )}
      {problem && (
        <p id={problemId} role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending || (unknownTools && mode === 'all' && choices.length === 0 && !allow)}>
          <Save className="h-4 w-4" aria-hidden />
          Save tools
        </Button>
      </div>
    </form>
  );
}

/** One tool: the checkbox is named by the tool's name alone; its description and notes describe it. */
function ToolCheckbox({ server, choice, checked, onChange }: { server: string; choice: ToolChoice; checked: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  const about = choice.description || choice.hiddenEverywhere || choice.notOffered;
  return (
    <li className="flex items-start gap-2 px-3 py-2 text-sm">
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 h-4 w-4 shrink-0 cursor-pointer accent-blue-600"
        checked={checked}
        aria-describedby={about ? `${id}-about` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="cursor-pointer font-mono font-medium break-all">
          {choice.name}
        </label>
        {about && (
          <div id={`${id}-about`} className="text-xs text-slate-600 dark:text-slate-400">
            {choice.hiddenEverywhere && (
              <Badge tone="amber" className="mr-2">
                switched off for every client
              </Badge>
            )}
            {choice.notOffered && (
              <Badge tone="neutral" className="mr-2">
                not offered by {server} now
              </Badge>
            )}
            {choice.description}
          </div>
        )}
      </div>
    </li>
  );
}
