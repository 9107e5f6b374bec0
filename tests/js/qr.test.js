// QR symbols from the real Wasm core, decoded by an independent decoder
// (jsQR, and zbarimg from Debian's zbar-tools) from a rendered image: the decoded bytes must equal the input's
// UTF-8 bytes. Capacities come from ISO/IEC 18004 Table 7.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { loadCore, McaError, qrToSvgText, qrPathData } from '../../web/index.js';

const core = await loadCore();
const utf8 = new TextEncoder();
const link = (id) => `https://cdn.partner.microsoft.com/mca/?attestationid=${id}`;

/** RGBA pixels of the symbol with its quiet zone, `scale` pixels per module. */
function rasterise(result, scale = 3) {
  const side = (result.size + 2 * result.border) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  result.modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (row[x] !== '1') continue;
      for (let dy = 0; dy < scale; dy++) {
        const start = (((y + result.border) * scale + dy) * side + (x + result.border) * scale) * 4;
        for (let i = 0; i < scale * 4; i += 4) pixels.fill(0, start + i, start + i + 3);
      }
    }
  });
  return { pixels, side };
}

/** Encodes, decodes with jsQR and checks the bytes and the version it read. */
function roundTrip(text, options = {}, scale = 3) {
  const result = core.qrEncode(text, options);
  assert.equal(result.ok, true, JSON.stringify(result.errors));
  const { pixels, side } = rasterise(result, scale);
  const decoded = jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' });
  assert.ok(decoded, `jsQR found the ${result.ecc} version ${result.version} symbol`);
  assert.deepEqual(Uint8Array.from(decoded.binaryData), utf8.encode(text));
  assert.equal(decoded.data, text);
  assert.equal(decoded.version, result.version);
  return result;
}

test('the acceptance link with a real GUID decodes back at every level', () => {
  const text = link(randomUUID());
  const versions = {};
  for (const ecc of ['L', 'M', 'Q', 'H']) versions[ecc] = roundTrip(text, { ecc }).version;
  // 89 bytes in byte mode: ISO/IEC 18004 Table 7 byte capacities.
  assert.deepEqual(versions, { L: 5, M: 6, Q: 8, H: 9 });
});

test('the default level is M and the default quiet zone 4 modules', () => {
  const r = core.qrEncode(link('3f2504e0-4f89-41d3-9a0c-0305e82c3301'));
  assert.equal(r.ecc, 'M');
  assert.equal(r.border, 4);
  assert.equal(r.modules.length, r.size);
  assert.ok(r.modules.every((row) => /^[01]+$/.test(row) && row.length === r.size));
  assert.ok(r.mask >= 0 && r.mask <= 7);
});

test('short texts in each mode: numeric, alphanumeric, byte', () => {
  assert.equal(roundTrip('01234567').version, 1);
  assert.equal(roundTrip('HELLO WORLD', { ecc: 'Q' }).version, 1);
  assert.equal(roundTrip('a').version, 1);
  // 41 digits fit 1-L only in numeric mode (capacity 41); 25 in alphanumeric.
  assert.equal(roundTrip('12345678901234567890123456789012345678901', { ecc: 'L' }).version, 1);
  assert.equal(roundTrip('HTTPS://EXAMPLE.COM/ABC-123 $%*+', { ecc: 'L' }).version, 2);
});

test('UTF-8 text decodes to the same characters (Dutch, Chinese, emoji)', () => {
  roundTrip('Zoë van der Berg, café in ’s-Hertogenbosch: IJsselmeer, ĳs, één');
  roundTrip('微软客户协议：请扫描以接受', { ecc: 'H' });
  roundTrip('Akkoord ✅ 👍');
});

// Data codewords per version and level (ISO/IEC 18004 Table 7); byte
// capacity = floor((codewords*8 - 4 - count bits) / 8).
const DATA_CODEWORDS = {
  1: { L: 19, M: 16, Q: 13, H: 9 },
  7: { L: 156, M: 124, Q: 88, H: 66 },
  10: { L: 274, M: 216, Q: 154, H: 122 },
  27: { L: 1468, M: 1128, Q: 808, H: 628 },
  40: { L: 2956, M: 2334, Q: 1666, H: 1276 },
};
const byteCapacity = (version, ecc) =>
  Math.floor((DATA_CODEWORDS[version][ecc] * 8 - 4 - (version < 10 ? 8 : 16)) / 8);

/** Deterministic printable text of n bytes (mixed case, so byte mode). */
function filler(n, seed) {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&()*+,;=';
  let s = '', x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += chars[(x >>> 16) % chars.length];
  }
  return s;
}

for (const version of [1, 7, 10, 27, 40]) {
  test(`version ${version} filled to capacity decodes at every level; one byte more needs a larger version`, () => {
    for (const ecc of ['L', 'M', 'Q', 'H']) {
      const n = byteCapacity(version, ecc);
      const r = roundTrip(filler(n, version * 10 + n), { ecc }, version >= 27 ? 2 : 3);
      assert.equal(r.version, version, `${n} bytes at ${ecc} is version ${version}`);
      const more = core.qrEncode(filler(n + 1, 1), { ecc });
      if (version < 40) assert.equal(more.version, version + 1);
      else assert.deepEqual(more.errors.map((e) => [e.field, e.code]), [['text', 'text.tooLong']]);
    }
  });
}

/** Decodes PGM images with zbarimg (Debian's zbar-tools), one process for
 * all files; returns the text of each file's symbol (texts without line breaks). */
function zbarDecode(images) {
  const dir = mkdtempSync(join(tmpdir(), 'mca-qr-'));
  try {
    const files = images.map(({ result }, i) => {
      const file = join(dir, `${i}.pgm`);
      const { pixels, side } = rasterise(result, 2);
      const gray = Buffer.alloc(side * side);
      for (let j = 0; j < gray.length; j++) gray[j] = pixels[j * 4];
      writeFileSync(file, Buffer.concat([Buffer.from(`P5\n${side} ${side}\n255\n`), gray]));
      return file;
    });
    // --raw: each symbol's text (UTF-8) on its own line, in file order; an
    // image without a symbol prints nothing, so the count is checked.
    let out = '';
    try {
      out = execFileSync('zbarimg', ['-q', '--raw', ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
      out = e.stdout ?? '';   // exit status 4 when some image had no symbol
    }
    const lines = out.split('\n').slice(0, -1);
    assert.equal(lines.length, files.length, 'zbarimg found a symbol in every image');
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('every version 1-40 at every level decodes with two decoders (zbarimg and jsQR)', () => {
  const symbols = [];
  for (let version = 1; version <= 40; version++) {
    for (const ecc of ['L', 'M', 'Q', 'H']) {
      // floor(v^2 / 2) + 5 bytes fit version v at every level.
      const text = filler(Math.floor(version * version / 2) + 5, version);
      const result = core.qrEncode(text, { ecc, minVersion: version });
      assert.equal(result.version, version);
      symbols.push({ text, result });
    }
  }
  const zbar = zbarDecode(symbols);
  symbols.forEach(({ text, result }, i) => {
    assert.equal(zbar[i], text, `zbarimg read version ${result.version}-${result.ecc}`);
    // jsQR 1.4.0 lists version 23's alignment rows as 6, 30, 54, 74, 102
    // (ISO/IEC 18004 Annex E: 6, 30, 54, 78, 102), so it misreads some
    // version 23 symbols; zbarimg covers that version.
    if (result.version !== 23) {
      const { pixels, side } = rasterise(result, 2);
      const decoded = jsQR(pixels, side, side, { inversionAttempts: 'dontInvert' });
      assert.equal(decoded?.data, text, `jsQR read version ${result.version}-${result.ecc}`);
    }
  });
});

test('zbarimg reads the acceptance link, UTF-8 text (after ECI 26) and a full version 40 symbol', () => {
  const texts = [link(randomUUID()), 'Zoë van der Berg — ’s-Hertogenbosch', '微软客户协议', filler(2953, 40)];
  const symbols = texts.map((text) => ({ text, result: core.qrEncode(text, { ecc: 'L' }) }));
  assert.deepEqual(zbarDecode(symbols), texts);
  assert.equal(symbols[3].result.version, 40);
});

test('bad input gives ok false with the field and code, never an exception', () => {
  const codes = (r) => r.errors.map((e) => `${e.field}:${e.code}`);
  assert.deepEqual(codes(core.qrEncode('')), ['text:text.required']);
  assert.deepEqual(codes(core.qrEncode(undefined)), ['text:text.required']);
  assert.deepEqual(codes(core.qrEncode(42)), ['text:text.type']);
  assert.deepEqual(codes(core.qrEncode('a', { ecc: 'X' })), ['ecc:ecc.invalid']);
  assert.deepEqual(codes(core.qrEncode('a', { minVersion: 0 })), ['minVersion:minVersion.invalid']);
  assert.deepEqual(codes(core.qrEncode('a', { border: 17 })), ['border:border.invalid']);
  assert.deepEqual(codes(core.qrEncode('x'.repeat(3000), { ecc: 'H' })), ['text:text.tooLong']);
  assert.equal(core.qrEncode('x'.repeat(3000), { ecc: 'H' }).errors[0].message, core.messages['text.tooLong']);
  assert.deepEqual(codes(core.qrEncode('a\ud800')), ['text:text.invalidUtf8']);   // an unpaired surrogate
  assert.equal(core.memoryStats().bytesInUse, 0);
});

test('qrToSvgText draws one path of the dark modules with the quiet zone and an escaped label', () => {
  const r = core.qrEncode('01234567', { border: 4 });
  const svg = qrToSvgText(r, { scale: 2, label: 'Scan <me> & "accept"' });
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 29 29" width="58" height="58" role="img"/);
  assert.match(svg, /aria-label="Scan &lt;me&gt; &amp; &quot;accept&quot;"/);
  assert.equal(svg.match(/<path /g).length, 1);
  // The top-left finder row: 7 dark modules from (4,4).
  assert.ok(qrPathData(r).startsWith('M4 4h7v1h-7z'));
  const darkCount = r.modules.join('').split('').filter((c) => c === '1').length;
  const pathArea = [...qrPathData(r).matchAll(/h(\d+)v1/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  assert.equal(pathArea, darkCount);
  assert.throws(() => qrToSvgText(core.qrEncode('')), (e) => e instanceof McaError && e.code === 'text.required');
});
