#!/usr/bin/env node
// The baseline for the OAuth conformance run: the MCP TypeScript SDK's own client, alone (no Switchyard), doing
// what the SDK documents for OAuth: StreamableHTTPClientTransport with an OAuthClientProvider; on
// UnauthorizedError the redirect's callback parameters go to transport.finishAuth() and the call is
// made again. The provider keeps everything in memory and follows the redirect without a person, like
// follow-redirect.mjs does for Switchyard. Same calls as harness.mjs: tools/list, then tools/call test-tool.
import { Client, StreamableHTTPClientTransport, UnauthorizedError } from '@modelcontextprotocol/client';

const serverUrl = new URL(process.argv[2] ?? '');
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? '';
const redirectUrl = 'http://127.0.0.1:3000/callback';
let pendingCallback;

const provider = {
  redirectUrl,
  clientMetadata: { client_name: 'sdk-reference-client', redirect_uris: [redirectUrl] },
  state: () => 'reference-state',
  stored: {},
  clientInformation() {
    return this.stored.client;
  },
  saveClientInformation(client) {
    this.stored.client = client;
  },
  tokens() {
    return this.stored.tokens;
  },
  saveTokens(tokens) {
    this.stored.tokens = tokens;
  },
  saveCodeVerifier(verifier) {
    this.stored.verifier = verifier;
  },
  codeVerifier() {
    return this.stored.verifier;
  },
  saveDiscoveryState(state) {
    this.stored.discovery = state;
  },
  discoveryState() {
    return this.stored.discovery;
  },
  invalidateCredentials(scope) {
    if (scope === 'all' || scope === 'tokens') delete this.stored.tokens;
    if (scope === 'all' || scope === 'client') delete this.stored.client;
    if (scope === 'all' || scope === 'discovery') delete this.stored.discovery;
  },
  async redirectToAuthorization(url) {
    const response = await fetch(url, { redirect: 'manual' });
    await response.body?.cancel();
    const location = response.headers.get('location');
    if (!location) throw new Error(`no redirect from ${url.origin} (HTTP ${response.status})`);
    pendingCallback = new URL(location).searchParams;
  },
};
if (scenario === 'auth/pre-registration') {
  const context = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT ?? '{}');
  provider.stored.client = { client_id: context.client_id, client_secret: context.client_secret, redirect_uris: [redirectUrl] };
}

let transport;
/** Runs `step`; when it needs a sign-in, finishes it with the code the redirect carried and runs it again (at most 3 times). */
async function withSignIn(step) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof UnauthorizedError) || pendingCallback === undefined || attempt >= 3) throw error;
      const callback = pendingCallback;
      pendingCallback = undefined;
      await transport.finishAuth(callback);
    }
  }
}

try {
  const client = new Client({ name: 'sdk-reference-client', version: '1.0.0' }, { capabilities: {} });
  await withSignIn(async () => {
    transport = new StreamableHTTPClientTransport(serverUrl, { authProvider: provider });
    await client.connect(transport);
  });
  await withSignIn(() => client.listTools());
  const result = await withSignIn(() => client.callTool({ name: 'test-tool', arguments: {} }));
  if (result.isError) throw new Error(`tools/call test-tool failed: ${JSON.stringify(result.content)}`);
  await client.close();
} catch (error) {
  console.error(`sdk-reference-client: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
