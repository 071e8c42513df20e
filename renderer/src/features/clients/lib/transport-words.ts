import type { ClientPlan } from '../../../../../shared/catalog-types.js';

type Transport = 'stdio' | 'http';

/** The transports in the window's words: what each one writes and what it needs. */
export const transportWords: Record<Transport, { label: string; help: string }> = {
  stdio: {
    label: 'stdio bridge',
    help: 'The app starts `switchyard connect` itself: no token is written into its file, and it works even when the gateway is stopped.',
  },
  http: {
    label: 'HTTP',
    help: 'The app calls the gateway’s URL with its bearer token, written into the app’s file (readable by you alone). The gateway must be running.',
  },
};

/** Why the engine picked this transport, in a sentence. */
export function transportReason(plan: Pick<ClientPlan, 'transport' | 'transportReason' | 'transports'>, appName: string): string | undefined {
  switch (plan.transportReason) {
    case 'only':
      return plan.transport === 'stdio'
        ? `${appName} can only launch a command (it does not take a URL in this file), so it uses the stdio bridge.`
        : `${appName} only takes a URL, so it connects over HTTP.`;
    case 'kept':
      return `${appName}’s entry already uses ${transportWords[plan.transport ?? 'stdio'].label}; a repair keeps it. Choose the other to switch.`;
    case 'default':
      return `The stdio bridge is the default wherever the app can launch a command: no token leaves Switchyard.`;
    case 'chosen':
      return plan.transport === 'http' ? `You chose HTTP: use it when ${appName} cannot start programs on this machine or runs elsewhere.` : undefined;
    default:
      return undefined;
  }
}
