/** The path of the gateway's MCP endpoint on its HTTP port (Streamable HTTP and the legacy SSE transport). */
export const mcpPath = '/mcp';

/** The endpoint of a named profile's clients (`default` is served at mcpPath). */
export function profilePath(profile: string): string {
  return profile === 'default' ? mcpPath : `${mcpPath}/profiles/${encodeURIComponent(profile)}`;
}

/**
 * The line a `connect --profile NAME` bridge writes first on the gateway's socket, before the client's bytes.
 * It starts with `#`, so it can never be taken for a JSON-RPC message; a bridge of the default profile writes none.
 */
export const bridgeHelloPrefix = '#switchyard profile ';

export function bridgeHelloLine(profile: string): string {
  return `${bridgeHelloPrefix}${encodeURIComponent(profile)}\n`;
}
