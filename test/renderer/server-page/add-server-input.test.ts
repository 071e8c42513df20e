import { describe, expect, it } from 'vitest';
import { addServerInput, emptyAddServerValues } from '../../../renderer/src/features/servers/components/add-server/add-server-input.js';

const values = (overrides: Partial<typeof emptyAddServerValues>) => ({ ...emptyAddServerValues, ...overrides });

describe('add-server form -> server.add input (the same rules as the engine)', () => {
  it('puts each problem on its field: empty name, no source, two sources', () => {
    expect(addServerInput(values({}))).toEqual({
      problems: { name: 'Give the server a name, e.g. "my-notes".', source: 'Fill in one source: a Docker image, an npm package or a remote URL.' },
    });
    const two = addServerInput(values({ name: 'x', image: 'mcp/x', npm: 'pkg' }));
    expect(two).toEqual({ problems: { image: 'Fill in only one source: clear the others.', npm: 'Fill in only one source: clear the others.' } });
    expect(addServerInput(values({ name: 'Bad Name', image: 'mcp/x' }))).toMatchObject({ problems: { name: expect.stringContaining('lowercase') } });
  });

  it('refuses a URL with credentials, plain http to another machine, and a header with a credential written out or an unmapped ${ENV}', () => {
    expect(addServerInput(values({ name: 'r', url: 'https://u:p@mcp.example.com/mcp' }))).toMatchObject({
      problems: { url: expect.stringContaining('user name or password') },
    });
    expect(addServerInput(values({ name: 'r', url: 'http://mcp.example.com/mcp' }))).toMatchObject({ problems: { url: expect.stringContaining('https://') } });
    expect(addServerInput(values({ name: 'r', url: 'http://127.0.0.1:9000/mcp' }))).toMatchObject({ input: { remote: { url: 'http://127.0.0.1:9000/mcp' } } });
    const written = addServerInput(values({ name: 'r', url: 'https://mcp.example.com/mcp', headers: [{ key: 'Authorization', value: 'Bearer abc' }] }));
    expect(written).toMatchObject({ problems: { 'headers.0.value': expect.stringContaining('Do not write a credential here') } });
    const unmapped = addServerInput(values({ name: 'r', url: 'https://mcp.example.com/mcp', headers: [{ key: 'Authorization', value: 'Bearer ${TOKEN}' }] }));
    expect(unmapped).toMatchObject({ problems: { 'headers.0.value': expect.stringContaining('${TOKEN} is not mapped') } });
    const remoteWithEnv = addServerInput(values({ name: 'r', url: 'https://mcp.example.com/mcp', env: [{ key: 'A', value: '1' }], network: true }));
    expect(remoteWithEnv).toMatchObject({ problems: { env: expect.any(String), network: expect.any(String) } });
  });

  it('builds the input server.add takes: trimmed, empty rows dropped, secrets mapped, options only when on', () => {
    const built = addServerInput(
      values({
        name: ' notes ',
        url: 'https://mcp.example.com/mcp',
        transport: 'sse',
        headers: [
          { key: 'Authorization', value: 'Bearer ${TOKEN}' },
          { key: '', value: '' },
        ],
        secrets: [{ key: 'TOKEN', value: 'notes.token' }],
        perSession: true,
      }),
    );
    expect(built).toEqual({
      input: {
        name: 'notes',
        remote: { url: 'https://mcp.example.com/mcp', transport: 'sse', headers: { Authorization: 'Bearer ${TOKEN}' } },
        secretEnv: { TOKEN: 'notes.token' },
        perSession: true,
      },
    });
    expect(
      addServerInput(
        values({ name: 'mem', npm: 'npm:@scope/pkg@1.2.3', env: [{ key: 'LEVEL', value: 'debug' }], writable: true, command: 'serve\n--port 1\n' }),
      ),
    ).toEqual({
      input: { name: 'mem', npm: '@scope/pkg@1.2.3', env: { LEVEL: 'debug' }, writable: true, command: ['serve', '--port 1'] },
    });
  });
});
