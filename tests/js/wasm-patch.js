// A copy of the core's Wasm binary that traps on demand, for the trap test:
// `if (in_len > limit) unreachable` is put at the top of mca_wasm_call, so a
// call with a large input traps exactly as a fault in the core would, and
// every other call runs the real code. Only the binary is changed (the code
// section is rebuilt around the longer body); it is loaded through the public
// loadCore({ wasmBinary }), with no mock of anything.

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[at++];
    value |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [value >>> 0, at];
    shift += 7;
  }
}

function u32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return out;
}

function s32(value) {
  const out = [];
  for (;;) {
    const b = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (b & 0x40) === 0) || (value === -1 && (b & 0x40) !== 0)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

function readName(bytes, at) {
  const [len, next] = readU32(bytes, at);
  return [new TextDecoder().decode(bytes.subarray(next, next + len)), next + len];
}

/** The sections of a module: [{ id, start, end }] (start/end of the content). */
function sections(bytes) {
  const out = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readU32(bytes, at + 1);
    out.push({ id, start, end: start + size, head: at });
    at = start + size;
  }
  return out;
}

function importedFunctions(bytes, section) {
  if (!section) return 0;
  let [count, at] = readU32(bytes, section.start);
  let functions = 0;
  for (; count > 0; count--) {
    [, at] = readName(bytes, at);
    [, at] = readName(bytes, at);
    const kind = bytes[at++];
    if (kind === 0) { functions += 1; [, at] = readU32(bytes, at); }
    else if (kind === 1) { at += 1; const flags = bytes[at++]; [, at] = readU32(bytes, at); if (flags & 1) [, at] = readU32(bytes, at); }
    else if (kind === 2) { const flags = bytes[at++]; [, at] = readU32(bytes, at); if (flags & 1) [, at] = readU32(bytes, at); }
    else if (kind === 3) at += 2;
  }
  return functions;
}

function exportedFunction(bytes, section, name) {
  let [count, at] = readU32(bytes, section.start);
  for (; count > 0; count--) {
    let field;
    [field, at] = readName(bytes, at);
    const kind = bytes[at++];
    let index;
    [index, at] = readU32(bytes, at);
    if (kind === 0 && field === name) return index;
  }
  throw new Error(`no exported function ${name}`);
}

/**
 * @param {Uint8Array} wasm the core's binary (standalone: exports keep their C names)
 * @param {number} limit bytes of input above which mca_wasm_call traps
 */
export function wasmTrappingAbove(wasm, limit) {
  const bytes = new Uint8Array(wasm);
  const exportName = 'mca_wasm_call';
  const all = sections(bytes);
  const imports = importedFunctions(bytes, all.find((s) => s.id === 2));
  const target = exportedFunction(bytes, all.find((s) => s.id === 7), exportName) - imports;
  const code = all.find((s) => s.id === 10);
  let [count, at] = readU32(bytes, code.start);
  const bodies = [];
  for (let i = 0; i < count; i++) {
    const [size, start] = readU32(bytes, at);
    let body = bytes.subarray(start, start + size);
    if (i === target) {
      let [groups, p] = readU32(body, 0);
      for (; groups > 0; groups--) { [, p] = readU32(body, p); p += 1; }   // locals: (count, type)*
      // local.get 2 (in_len); i32.const limit; i32.gt_u; if; unreachable; end
      const check = [0x20, 0x02, 0x41, ...s32(limit), 0x4b, 0x04, 0x40, 0x00, 0x0b];
      body = Uint8Array.from([...body.subarray(0, p), ...check, ...body.subarray(p)]);
    }
    bodies.push(Uint8Array.from([...u32(body.length), ...body]));
    at = start + size;
  }
  const content = [...u32(count), ...bodies.flatMap((b) => [...b])];
  return Uint8Array.from([...bytes.subarray(0, code.head), 10, ...u32(content.length), ...content, ...bytes.subarray(code.end)]);
}
