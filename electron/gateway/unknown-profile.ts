import { rpcErrorCodes } from './json-rpc.js';

/** The JSON-RPC error a client of a profile that does not exist gets, on the HTTP path and on the bridge socket alike. */
export function unknownProfileRpcError(profile: string): { code: number; message: string; data: { profile: string; hint: string } } {
  return {
    code: rpcErrorCodes.invalidRequest,
    message: `Not found: there is no profile "${profile}".`,
    data: { profile, hint: 'See the profiles with `switchyard profile ls`.' },
  };
}
