import type { RpcRequest } from './json-rpc.js';
import type { ServerSlot } from './server-slot.js';

/**
 * Which server answers a request. The walking skeleton fronts one server, so every routed request goes to
 * it; the aggregating routing table (public names -> server and original name) replaces this function.
 */
export function routeRequest(_request: RpcRequest, slots: ServerSlot[]): ServerSlot | undefined {
  return slots.length === 1 ? slots[0] : undefined;
}
