import { Copy, Eye, EyeOff, RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../../ui/button.js';
import { ConfirmDialog } from '../../../ui/confirm-dialog.js';
import { SectionCard } from '../../../ui/section-card.js';
import { notify } from '../../../ui/toast.js';
import { useGatewayToken, useRotateToken } from '../hooks/use-engine-settings.js';

/**
 * The bearer token AI apps connected over HTTP send: hidden until asked for, copied without being shown, and
 * rotated after a warning (apps configured with the old one are refused until connected again).
 */
export function GatewayTokenCard() {
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [asked, setAsked] = useState(false);
  const token = useGatewayToken(asked);
  const rotate = useRotateToken();

  const fetchToken = async (): Promise<string | undefined> => {
    setAsked(true);
    const result = token.data ?? (await token.refetch()).data;
    return result?.token;
  };
  const copy = async () => {
    try {
      const value = await fetchToken();
      if (!value) throw new Error('The engine did not answer with a token.');
      await navigator.clipboard.writeText(value);
      notify.success('Gateway token copied.');
    } catch (error) {
      notify.error('Could not copy the token', error);
    }
  };
  const doRotate = () =>
    rotate.mutate(undefined, {
      onSuccess: () => notify.success('New gateway token in force. Connect your HTTP apps again from Clients.'),
      onError: (error) => notify.error('Could not rotate the token', error),
    });

  return (
    <SectionCard
      title="Gateway token"
      description="AI apps connected over HTTP send this token. Apps connected through the stdio bridge read it when they start the bridge."
    >
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label="Token value"
          value={shown && token.data ? token.data.token : '••••••••••••••••••••••••'}
          className="w-full min-w-0 rounded bg-slate-100 px-2 py-1.5 font-mono text-sm sm:w-auto sm:flex-1 text-slate-900 dark:bg-slate-800 dark:text-slate-100"
        />
        <Button
          size="sm"
          onClick={() => {
            if (!shown) setAsked(true);
            setShown(!shown);
          }}
        >
          {shown ? <EyeOff className="h-4 w-4" aria-hidden /> : <Eye className="h-4 w-4" aria-hidden />}
          {shown ? 'Hide token' : 'Show token'}
        </Button>
        <Button size="sm" onClick={() => void copy()}>
          <Copy className="h-4 w-4" aria-hidden />
          Copy token
        </Button>
        <Button size="sm" variant="danger" disabled={rotate.isPending} onClick={() => setConfirming(true)}>
          <RefreshCw className="h-4 w-4" aria-hidden />
          Rotate token
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Rotate the gateway token?"
        description="The old token stops working at once: AI apps connected over HTTP are refused until you connect them again (Clients → Repair). Apps using the stdio bridge read the new one when you restart them."
        confirmLabel="Rotate token"
        confirmIcon={RefreshCw}
        onConfirm={doRotate}
      />
    </SectionCard>
  );
}
