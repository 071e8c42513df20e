import type { ShownError } from '../store/gateway-store.js';

export function ErrorAlert({ error, onDismiss }: { error: ShownError; onDismiss: () => void }) {
  return (
    <div role="alert" data-testid="error-alert" className="flex items-start gap-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
      <div className="flex-1">
        <p className="font-medium">{error.message}</p>
        {error.hint && <p className="mt-1 text-red-800">{error.hint}</p>}
      </div>
      <button type="button" onClick={onDismiss} className="text-red-700 hover:text-red-900" aria-label="Dismiss error">
        ×
      </button>
    </div>
  );
}
