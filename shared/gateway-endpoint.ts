/** The path of the gateway's MCP endpoint on its HTTP port (Streamable HTTP and the legacy SSE transport). */
export const mcpPath = '/mcp';
