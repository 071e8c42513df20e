import { Button } from '../../../ui/button.js';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useState } from 'react';
import { FormProvider, get, useForm, useWatch, type FieldError } from 'react-hook-form';
import { notify } from '../../../ui/toast.js';
import { useApi } from '../../../api/api-context.js';
import { errorText } from './server-page/error-text.js';
import { OptionSwitch, TextField } from './add-server/AddServerFields.js';
import { addServerInput, emptyAddServerValues, type AddServerValues } from './add-server/add-server-input.js';
import { addServerResolver } from './add-server/add-server-resolver.js';
import { KeyValueRows } from './add-server/KeyValueRows.js';

/**
 * Add a custom server: a Docker image, an npm package (built into an image on first use) or a remote URL, with
 * its environment, the secrets it takes and its container options; checked with the same rules as server.add
 * before it is sent, then opened on its page.
 */
export function AddServerDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-950/50" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 flex max-h-[calc(100vh-2rem)] w-[calc(100vw-1rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 flex-col rounded-xl border border-slate-200 bg-white shadow-xl dark:border-slate-700 dark:bg-slate-900">
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-4 dark:border-slate-700">
            <div>
              <Dialog.Title className="text-base font-semibold text-slate-900 dark:text-slate-100">Add a custom server</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                A server that is not in the catalog: from a Docker image, an npm package or a URL.
              </Dialog.Description>
            </div>
            <Dialog.Close
              aria-label="Close"
              className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white"
            >
              <X aria-hidden="true" className="h-4 w-4" />
            </Dialog.Close>
          </div>
          {open ? <AddServerForm onDone={() => onOpenChange(false)} /> : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function AddServerForm({ onDone }: { onDone(): void }) {
  const { call } = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<AddServerValues>({ defaultValues: emptyAddServerValues, resolver: addServerResolver });
  const [refused, setRefused] = useState<string>();
  const url = useWatch({ control: form.control, name: 'url' });
  const remote = url.trim() !== '';
  const sourceError = (get(form.formState.errors, 'source') as FieldError | undefined)?.message;
  const formError = (get(form.formState.errors, 'form') as FieldError | undefined)?.message;

  const submit = form.handleSubmit(async (values) => {
    const checked = addServerInput(values);
    if (!('input' in checked)) return;
    setRefused(undefined);
    try {
      const added = await call('server.add', checked.input);
      notify.success(`Added ${added.name}`);
      await Promise.all(['servers', 'server', 'gateway'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      onDone();
      const section = added.secrets.some((secret) => !secret.set) ? 'secrets' : 'overview';
      void navigate({ to: '/servers/$name', params: { name: added.name }, search: { section } });
    } catch (error) {
      setRefused(errorText(error));
    }
  });

  return (
    <FormProvider {...form}>
      <form noValidate aria-label="Add a custom server" className="flex min-h-0 flex-1 flex-col" onSubmit={(event) => void submit(event)}>
        <div className="flex min-h-0 flex-1 flex-col gap-5 overflow-y-auto px-5 py-4">
          <TextField name="name" label="Name" placeholder="my-notes" help="How clients and the CLI name it: lowercase letters, digits, - _ ." />
          <fieldset
            className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
            aria-describedby={sourceError ? 'add-server-source-error' : undefined}
          >
            <legend className="px-1 text-sm font-semibold text-slate-800 dark:text-slate-100">Source: fill in exactly one</legend>
            <TextField name="image" label="Docker image" placeholder="ghcr.io/acme/mcp-notes:1.2" />
            <TextField name="npm" label="npm package" placeholder="@modelcontextprotocol/server-memory" help="Built into a local image on first use." />
            <TextField name="url" label="Remote URL" placeholder="https://mcp.example.com/mcp" help="A server that runs elsewhere: no container." />
            {sourceError ? (
              <p id="add-server-source-error" role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
                {sourceError}
              </p>
            ) : null}
          </fieldset>
          {remote ? (
            <>
              <div className="flex flex-col gap-1">
                <label htmlFor="add-server-transport" className="text-sm font-medium text-slate-800 dark:text-slate-100">
                  Transport
                </label>
                <select
                  id="add-server-transport"
                  className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
                  {...form.register('transport')}
                >
                  <option value="streamable-http">Streamable HTTP (most servers)</option>
                  <option value="sse">SSE (older servers, URLs often ending in /sse)</option>
                </select>
              </div>
              <KeyValueRows
                name="headers"
                legend="Headers"
                help="Reference a secret as ${TOKEN} and map TOKEN below, e.g. Authorization: Bearer ${TOKEN}."
                keyLabel="Header name"
                valueLabel="Header value"
                keyPlaceholder="Authorization"
                valuePlaceholder="Bearer ${TOKEN}"
                addLabel="Add header"
              />
            </>
          ) : null}
          <KeyValueRows
            name="secrets"
            legend="Secrets"
            help="Variables whose value comes from the secret store; you set the values on the server's page after adding it."
            keyLabel="Secret variable"
            valueLabel="Secret key"
            keyPlaceholder="API_TOKEN"
            valuePlaceholder="my-notes.token"
            addLabel="Add secret"
          />
          {!remote ? (
            <>
              <KeyValueRows
                name="env"
                legend="Environment"
                help="Plain variables for the container (never a secret: those go above)."
                keyLabel="Variable name"
                valueLabel="Variable value"
                keyPlaceholder="LOG_LEVEL"
                valuePlaceholder="info"
                addLabel="Add variable"
              />
              <TextField name="command" label="Arguments" help="Optional: the command's arguments, one per line." multiline />
              <OptionSwitch name="network" label="Network access" help="Off: the container has no network at all." />
              <OptionSwitch name="writable" label="Writable file system" help="Off: the container's root file system is read-only." />
            </>
          ) : null}
          <OptionSwitch name="perSession" label="One instance per client session" help="For stateful servers: each connected client gets its own." />
          {formError || refused ? (
            <p
              role="alert"
              className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            >
              {refused ?? formError}
            </p>
          ) : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-700">
          <Dialog.Close className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800">
            Cancel
          </Dialog.Close>
          <Button variant="primary" type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? 'Adding…' : 'Add server'}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
