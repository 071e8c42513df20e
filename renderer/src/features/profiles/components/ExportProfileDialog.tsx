import { Copy, Download } from 'lucide-react';
import { Button } from '../../../ui/button.js';
import { Dialog } from '../../../ui/dialog.js';
import { ErrorState, LoadingState } from '../../../ui/states.js';
import { notify } from '../../../ui/toast.js';
import { useProfileExport } from '../hooks/use-profile-queries.js';

/**
 * The profile as a file to share: the engine's YAML (server references, config values, secret key names, never a
 * secret value), with how many stored secret values it found in config values and withheld. Copy or download.
 */
export function ExportProfileDialog({ name, open, onOpenChange }: { name: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const exported = useProfileExport(name, open);
  const file = `${name}.switchyard-profile.yaml`;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      notify.success(`Copied the ${name} profile`);
    } catch {
      notify.error('Could not copy: the clipboard is not available here. Select the text and copy it instead, or download the file.');
    }
  };
  const download = (text: string) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    link.download = file;
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={`Export ${name}`}
      description="Import it elsewhere with Import profile or switchyard profile import FILE. Secrets are named, never written: whoever imports it sets them."
      className="sm:max-w-2xl"
    >
      {exported.isPending ? (
        <LoadingState label="Writing the profile file…" />
      ) : exported.isError ? (
        <ErrorState title={`Could not export ${name}`} error={exported.error} action={<Button onClick={() => void exported.refetch()}>Try again</Button>} />
      ) : (
        <div className="space-y-3">
          <p role="status" className="text-sm">
            {exported.data.withheld === 0
              ? 'No secret value is in the file.'
              : `${exported.data.withheld === 1 ? '1 secret value was' : `${exported.data.withheld} secret values were`} found in config values and withheld: the file names the secret instead.`}
          </p>
          <textarea
            readOnly
            aria-label={`Profile file ${file}`}
            value={exported.data.text}
            rows={14}
            className="block w-full rounded-md border border-slate-300 bg-slate-50 p-3 font-mono text-xs text-slate-900 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-100"
          />
          <div className="flex flex-wrap justify-end gap-2">
            <Button onClick={() => void copy(exported.data.text)}>
              <Copy className="h-4 w-4" aria-hidden />
              Copy
            </Button>
            <Button variant="primary" aria-label={`Download ${file}`} onClick={() => download(exported.data.text)}>
              <Download className="h-4 w-4" aria-hidden />
              Download
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
