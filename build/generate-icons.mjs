// Renders every app and tray icon from the two source SVGs in build/icons (icon.svg, tray.svg) with the
// Chromium the tests already use, so no image tool or native rasteriser is needed. Outputs are committed;
// run `npm run icons` after changing an SVG.
//   build/icons/png/<N>x<N>.png   Linux icon set (electron-builder's linux.icon)
//   build/icons/icon.png          1024 px, macOS (turned into .icns by electron-builder)
//   build/icons/icon.ico          Windows: 16-256 px PNGs in one ICO
//   assets/tray/tray-<state>.png  tray icons for Windows and Linux, 16 px and @2x (running, stopped, error)
//   assets/tray/trayTemplate.png  macOS template image (black + alpha), 16 px and @2x
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const iconSvg = readFileSync(path.join(root, 'build/icons/icon.svg'), 'utf8');
const traySvg = readFileSync(path.join(root, 'build/icons/tray.svg'), 'utf8');
const appSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
/** The dot in the tray icon's corner says the gateway's state at a glance; the rails are grey when stopped. */
const trayStates = {
  running: { rails: '#1f2937', dot: '#16a34a' },
  stopped: { rails: '#6b7280', dot: undefined },
  error: { rails: '#1f2937', dot: '#dc2626' },
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const render = async (svg, size) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
    return page.locator('svg').screenshot({ omitBackground: true });
  };

  const pngDir = path.join(root, 'build/icons/png');
  mkdirSync(pngDir, { recursive: true });
  const bySize = new Map();
  for (const size of appSizes) {
    const png = await render(iconSvg, size);
    bySize.set(size, png);
    writeFileSync(path.join(pngDir, `${size}x${size}.png`), png);
  }
  writeFileSync(path.join(root, 'build/icons/icon.png'), bySize.get(1024));
  writeFileSync(path.join(root, 'build/icons/icon.ico'), ico(icoSizes.map((size) => ({ size, png: bySize.get(size) }))));

  const trayDir = path.join(root, 'assets/tray');
  mkdirSync(trayDir, { recursive: true });
  for (const [state, colours] of Object.entries(trayStates)) {
    const svg = traySvg
      .replaceAll('#000', colours.rails)
      .replace('</svg>', colours.dot ? `<circle cx="26" cy="7" r="5" fill="${colours.dot}"/></svg>` : '</svg>');
    writeFileSync(path.join(trayDir, `tray-${state}.png`), await render(svg, 16));
    writeFileSync(path.join(trayDir, `tray-${state}@2x.png`), await render(svg, 32));
  }
  writeFileSync(path.join(trayDir, 'trayTemplate.png'), await render(traySvg, 16));
  writeFileSync(path.join(trayDir, 'trayTemplate@2x.png'), await render(traySvg, 32));
  console.log(`icons written: ${appSizes.length} app sizes, icon.png, icon.ico, ${Object.keys(trayStates).length * 2 + 2} tray images`);
} finally {
  await browser.close();
}

/** An ICO file holding PNG images (allowed since Windows Vista): a 6-byte header, 16 bytes per entry, the PNGs. */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}
