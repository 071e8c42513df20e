import type { OAuthDiscoveryState, StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';

/** The part of the secret store the OAuth client uses (the SecretStore of electron/secrets fits it). */
export interface SecretVault {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/** One server's sign-in, as kept between runs: tokens, the registered client, what discovery found. */
export interface OAuthRecord {
  tokens?: StoredOAuthTokens & {
    /** When the access token stops working (ms since epoch), from `expires_in` at the time it was issued. */
    expires_at?: number;
    obtained_at?: number;
  };
  client?: StoredOAuthClientInformation & {
    /** Entered by the user (or the catalog entry), not registered by us: never re-registered nor forgotten at sign-out. */
    preregistered?: boolean;
    redirect_uris?: string[];
    token_endpoint_auth_method?: string;
  };
  discovery?: OAuthDiscoveryState;
  /** The scopes asked for at the last sign-in (a step-up asks for these and the new ones). */
  scope?: string;
}

/**
 * Where a server's OAuth state lives: only in the secret store, under `<server>.oauth_*` keys. The raw token
 * and client-secret values sit under their own keys, so the leak guard and the history redaction know them
 * like any other secret; everything else (expiry, scopes, client id, discovered metadata) is one JSON value.
 */
export class OAuthVault {
  constructor(
    private readonly secrets: () => Promise<SecretVault>,
    readonly server: string,
  ) {}

  static keys(server: string): string[] {
    return ['oauth_state', 'oauth_access_token', 'oauth_refresh_token', 'oauth_client_secret'].map((name) => `${server}.${name}`);
  }

  async load(): Promise<OAuthRecord> {
    const store = await this.secrets();
    const [state, access, refresh, clientSecret] = await Promise.all(OAuthVault.keys(this.server).map((key) => store.get(key)));
    const record = parseRecord(state);
    if (record.tokens) {
      if (!access) delete record.tokens;
      else record.tokens = { ...record.tokens, access_token: access, ...(refresh ? { refresh_token: refresh } : {}) };
    }
    if (record.client && clientSecret) record.client = { ...record.client, client_secret: clientSecret };
    return record;
  }

  async save(record: OAuthRecord): Promise<void> {
    const store = await this.secrets();
    const [stateKey, accessKey, refreshKey, secretKey] = OAuthVault.keys(this.server) as [string, string, string, string];
    const { access_token, refresh_token, ...tokenFacts } = record.tokens ?? { access_token: '' };
    const { client_secret, ...clientFacts } = record.client ?? { client_id: '' };
    const state: OAuthRecord = {
      ...(record.tokens ? { tokens: tokenFacts as OAuthRecord['tokens'] } : {}),
      ...(record.client ? { client: clientFacts as OAuthRecord['client'] } : {}),
      ...(record.discovery ? { discovery: record.discovery } : {}),
      ...(record.scope ? { scope: record.scope } : {}),
    };
    await putOrDelete(store, accessKey, record.tokens ? access_token : undefined);
    await putOrDelete(store, refreshKey, record.tokens ? refresh_token : undefined);
    await putOrDelete(store, secretKey, record.client ? client_secret : undefined);
    await putOrDelete(store, stateKey, Object.keys(state).length > 0 ? JSON.stringify(state) : undefined);
  }

  /** Forgets everything about this server's sign-in. True when something was stored. */
  async clear(): Promise<boolean> {
    const store = await this.secrets();
    const removed = await Promise.all(OAuthVault.keys(this.server).map((key) => store.delete(key)));
    return removed.some(Boolean);
  }
}

function parseRecord(state: string | undefined): OAuthRecord {
  try {
    return state ? (JSON.parse(state) as OAuthRecord) : {};
  } catch {
    return {}; // unreadable: as if never signed in (the next sign-in writes it again)
  }
}

async function putOrDelete(store: SecretVault, key: string, value: string | undefined): Promise<void> {
  if (value) await store.set(key, value);
  else await store.delete(key);
}
