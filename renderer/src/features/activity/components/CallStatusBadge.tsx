import type { CallRecordView } from '../../../../../shared/history-types.js';
import { Badge, type BadgeTone } from '../../../ui/badge.js';

const look: Record<CallRecordView['status'], { tone: BadgeTone; label: string }> = {
  running: { tone: 'blue', label: 'running' },
  ok: { tone: 'green', label: 'ok' },
  tool_error: { tone: 'red', label: 'tool error' },
  protocol_error: { tone: 'red', label: 'error' },
  timeout: { tone: 'amber', label: 'timed out' },
  cancelled: { tone: 'neutral', label: 'cancelled' },
  denied: { tone: 'violet', label: 'denied' },
};

export function CallStatusBadge({ status }: { status: CallRecordView['status'] }) {
  const { tone, label } = look[status];
  return <Badge tone={tone}>{label}</Badge>;
}
