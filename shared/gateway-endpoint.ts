/** The path of the gateway's MCP endpoint on its HTTP port (Streamable HTTP and the legacy SSE transport). */
export const mcpPath = '/mcp';

/** The endpoint of a named profile's clients (`default` is served at mcpPath). */
export function profilePath(profile: string): string {
  return profile === 'default' ? mcpPath : `${mcpPath}/profiles/${encodeURIComponent(profile)}`;
}
