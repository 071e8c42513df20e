#!/usr/bin/env node
// The browser of the OAuth conformance harness (SWITCHYARD_BROWSER): given the authorization URL, it asks the
// authorization server as a browser would, without a person (the conformance servers approve at once), and
// follows the redirect to Switchyard's loopback listener. Exits non-zero when the server does not redirect.
const [, , authorizationUrl] = process.argv;
if (!authorizationUrl) {
  console.error('follow-redirect: usage: follow-redirect.mjs <authorization URL>');
  process.exit(2);
}
let url = authorizationUrl;
for (let hop = 0; hop < 5; hop++) {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  await response.body?.cancel().catch(() => undefined);
  if (response.status >= 300 && response.status < 400 && location) {
    url = new URL(location, url).href;
    continue;
  }
  if (hop === 0) {
    console.error(`follow-redirect: the authorization server answered HTTP ${response.status} without a redirect`);
    process.exit(1);
  }
  process.exit(response.ok ? 0 : 1);
}
console.error('follow-redirect: more than 5 redirects');
process.exit(1);
