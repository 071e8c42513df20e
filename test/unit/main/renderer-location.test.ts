import { describe, expect, it } from 'vitest';
import { isOwnRendererUrl } from '../../../electron/main/renderer-location.js';
import { ownRendererUrl, renderer } from './fixtures.js';

describe('isOwnRendererUrl', () => {
  const dev = { ...renderer, devUrl: 'http://localhost:5173/' };

  it.each([
    ['our index.html', ownRendererUrl, renderer, true],
    ['our index.html with a hash route', `${ownRendererUrl}#/servers?x=1`, renderer, true],
    ['an asset in our folder', 'file:///opt/switchyard/dist/renderer/assets/index.js', renderer, true],
    ['a sibling folder sharing the prefix', 'file:///opt/switchyard/dist/renderer-evil/index.html', renderer, false],
    ['a path climbing out of our folder', 'file:///opt/switchyard/dist/renderer/../secret.html', renderer, false],
    ['a file on another host', 'file://evil.example/opt/switchyard/dist/renderer/index.html', renderer, false],
    ['the dev server without one configured', 'http://localhost:5173/', renderer, false],
    ['the dev server origin', 'http://localhost:5173/#/servers', dev, true],
    ['another port', 'http://localhost:5174/', dev, false],
    ['a web page', 'https://example.com/', dev, false],
    ['nothing', '', renderer, false],
    ['not a URL', 'index.html', renderer, false],
  ])('%s', (_label, url, location, expected) => {
    expect(isOwnRendererUrl(url, location)).toBe(expected);
  });
});
