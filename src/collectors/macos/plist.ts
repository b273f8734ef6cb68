import { own } from '../../util/own.js';

export type PlistValue =
  | string
  | number
  /** integers beyond ±2^53 (Foundation writes unsigned 64-bit values as 16-byte integers) */
  | bigint
  | boolean
  | Date
  | Uint8Array
  | null
  | PlistValue[]
  | PlistDict
  | PlistUid;
export interface PlistDict {
  [key: string]: PlistValue;
}
/** NSKeyedArchiver object reference (binary plists only), shaped like Python plistlib's UID. */
export interface PlistUid {
  CF$UID: number;
}

export class PlistError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlistError';
  }
}

const BPLIST_MAGIC = 'bplist00';
// Seconds between the Unix epoch and Apple's reference date (2001-01-01T00:00:00Z).
const APPLE_EPOCH_OFFSET = 978307200;

/** Parses an XML (<plist>) or binary (bplist00) property list in pure TypeScript. Throws PlistError on malformed input. */
export function parsePlist(input: string | Uint8Array): PlistValue {
  if (typeof input !== 'string') {
    const buf = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    if (buf.length >= 8 && buf.toString('latin1', 0, 8) === BPLIST_MAGIC) return parseBinaryPlist(buf);
    if (buf.length >= 6 && buf.toString('latin1', 0, 6) === 'bplist') {
      throw new PlistError(`unsupported binary plist version ${buf.toString('latin1', 6, 8)}`);
    }
    return parseXmlPlist(decodeText(buf));
  }
  return parseXmlPlist(input);
}

export function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array);
}

export function str(v: PlistValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function decodeText(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    const swapped = Buffer.from(buf.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  return buf.toString('utf8');
}

// ---------------------------------------------------------------- binary

export function parseBinaryPlist(buf: Buffer): PlistValue {
  if (buf.length < 8 + 32 || buf.toString('latin1', 0, 8) !== BPLIST_MAGIC) {
    throw new PlistError('not a bplist00 file');
  }
  const trailer = buf.length - 32;
  const offsetSize = buf[trailer + 6];
  const refSize = buf[trailer + 7];
  const numObjects = readUIntBE(buf, trailer + 8, 8);
  const topObject = readUIntBE(buf, trailer + 16, 8);
  const tableOffset = readUIntBE(buf, trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) throw new PlistError('bad bplist trailer');
  if (topObject >= numObjects || tableOffset + numObjects * offsetSize > trailer) {
    throw new PlistError('bplist offset table out of range');
  }
  const offsets: number[] = new Array(numObjects);
  for (let i = 0; i < numObjects; i++) {
    const off = readUIntBE(buf, tableOffset + i * offsetSize, offsetSize);
    if (off < 8 || off >= tableOffset) throw new PlistError(`bplist object ${i} offset out of range`);
    offsets[i] = off;
  }

  const inProgress = new Set<number>();

  const readLength = (pos: number, low: number): [len: number, next: number] => {
    if (low !== 0x0f) return [low, pos];
    const marker = buf[pos];
    if (marker === undefined || marker >> 4 !== 0x1) throw new PlistError('bplist: bad length marker');
    const bytes = 1 << (marker & 0x0f);
    if (bytes > 8) throw new PlistError('bplist: length too large');
    return [readUIntBE(buf, pos + 1, bytes), pos + 1 + bytes];
  };

  const check = (start: number, len: number) => {
    if (start < 0 || start + len > tableOffset) throw new PlistError('bplist object runs past the object area');
  };

  const readObject = (ref: number): PlistValue => {
    if (ref >= numObjects) throw new PlistError(`bplist reference ${ref} out of range`);
    // A container that refers back to itself would recurse forever.
    if (inProgress.has(ref)) throw new PlistError('bplist contains a reference cycle');
    const pos = offsets[ref];
    const marker = buf[pos];
    const high = marker >> 4;
    const low = marker & 0x0f;
    switch (high) {
      case 0x0:
        if (marker === 0x00) return null;
        if (marker === 0x08) return false;
        if (marker === 0x09) return true;
        if (marker === 0x0f) return null;
        throw new PlistError(`bplist: unknown marker 0x${marker.toString(16)}`);
      case 0x1: {
        const bytes = 1 << low;
        check(pos + 1, bytes);
        if (bytes <= 4) return readUIntBE(buf, pos + 1, bytes);
        if (bytes === 8) return exactInt(buf.readBigInt64BE(pos + 1));
        // a signed 128-bit integer: high 8 bytes, then low 8 bytes
        if (bytes === 16) return exactInt((buf.readBigInt64BE(pos + 1) << 64n) + buf.readBigUInt64BE(pos + 9));
        throw new PlistError('bplist: bad integer size');
      }
      case 0x2: {
        const bytes = 1 << low;
        check(pos + 1, bytes);
        if (bytes === 4) return buf.readFloatBE(pos + 1);
        if (bytes === 8) return buf.readDoubleBE(pos + 1);
        throw new PlistError('bplist: bad real size');
      }
      case 0x3: {
        if (marker !== 0x33) throw new PlistError('bplist: bad date marker');
        check(pos + 1, 8);
        return new Date((buf.readDoubleBE(pos + 1) + APPLE_EPOCH_OFFSET) * 1000);
      }
      case 0x4: {
        const [len, start] = readLength(pos + 1, low);
        check(start, len);
        return new Uint8Array(buf.subarray(start, start + len));
      }
      case 0x5: {
        const [len, start] = readLength(pos + 1, low);
        check(start, len);
        return buf.toString('latin1', start, start + len);
      }
      case 0x6: {
        const [len, start] = readLength(pos + 1, low);
        check(start, len * 2);
        const copy = Buffer.from(buf.subarray(start, start + len * 2));
        copy.swap16();
        return copy.toString('utf16le');
      }
      case 0x8: {
        check(pos + 1, low + 1);
        return { CF$UID: readUIntBE(buf, pos + 1, low + 1) };
      }
      case 0xa:
      case 0xc: {
        const [len, start] = readLength(pos + 1, low);
        check(start, len * refSize);
        inProgress.add(ref);
        const out: PlistValue[] = [];
        for (let i = 0; i < len; i++) out.push(readObject(readUIntBE(buf, start + i * refSize, refSize)));
        inProgress.delete(ref);
        return out;
      }
      case 0xd: {
        const [len, start] = readLength(pos + 1, low);
        check(start, len * 2 * refSize);
        inProgress.add(ref);
        const out: PlistDict = {};
        for (let i = 0; i < len; i++) {
          const key = readObject(readUIntBE(buf, start + i * refSize, refSize));
          if (typeof key !== 'string') throw new PlistError('bplist: dictionary key is not a string');
          out[key] = readObject(readUIntBE(buf, start + (len + i) * refSize, refSize));
        }
        inProgress.delete(ref);
        return out;
      }
      default:
        throw new PlistError(`bplist: unknown marker 0x${marker.toString(16)}`);
    }
  };

  return readObject(topObject);
}

/** A number when it is exact, else a bigint. */
function exactInt(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function readUIntBE(buf: Buffer, pos: number, bytes: number): number {
  if (pos < 0 || pos + bytes > buf.length) throw new PlistError('bplist: read past end of file');
  let v = 0;
  for (let i = 0; i < bytes; i++) v = v * 256 + buf[pos + i];
  return v;
}

// ---------------------------------------------------------------- XML

type XmlNode = { tag: string; children: XmlNode[]; text: string };

export function parseXmlPlist(text: string): PlistValue {
  const root = parseXml(text);
  const plist = root.children.find((c) => c.tag === 'plist');
  if (!plist) {
    // Some tools print a bare <dict> without the <plist> wrapper.
    const bare = root.children[0];
    if (!bare) throw new PlistError('no <plist> element');
    return toValue(bare);
  }
  const first = plist.children[0];
  if (!first) throw new PlistError('empty <plist>');
  return toValue(first);
}

function toValue(node: XmlNode): PlistValue {
  switch (node.tag) {
    case 'dict': {
      const out: PlistDict = {};
      const kids = node.children;
      for (let i = 0; i < kids.length; i++) {
        if (kids[i].tag !== 'key') throw new PlistError(`<dict> expects <key>, got <${kids[i].tag}>`);
        const value = kids[i + 1];
        if (!value) throw new PlistError(`<key>${kids[i].text}</key> has no value`);
        out[kids[i].text] = toValue(value);
        i++;
      }
      return out;
    }
    case 'array':
      return node.children.map(toValue);
    case 'string':
    case 'key':
      return node.text;
    case 'integer': {
      const t = node.text.trim();
      if (/^[+-]?\d+$/.test(t)) return exactInt(BigInt(t));
      const n = /^[+-]?0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : Number.NaN;
      if (!Number.isFinite(n)) throw new PlistError(`bad <integer> ${t}`);
      return n;
    }
    case 'real': {
      const n = Number(node.text.trim());
      if (Number.isNaN(n) && node.text.trim().toLowerCase() !== 'nan') throw new PlistError(`bad <real> ${node.text}`);
      return n;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    case 'date': {
      const d = new Date(node.text.trim());
      if (Number.isNaN(d.getTime())) throw new PlistError(`bad <date> ${node.text}`);
      return d;
    }
    case 'data':
      return new Uint8Array(Buffer.from(node.text.replace(/\s+/g, ''), 'base64'));
    default:
      throw new PlistError(`unknown plist element <${node.tag}>`);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return own(ENTITIES, e) ?? m;
  });
}

// Minimal XML reader for the plist DTD: elements, text, CDATA, comments, PIs and DOCTYPE; no attributes needed.
function parseXml(text: string): XmlNode {
  const root: XmlNode = { tag: '#root', children: [], text: '' };
  const stack: XmlNode[] = [root];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    const top = stack[stack.length - 1];
    if (lt === -1) {
      top.text += decodeEntities(text.slice(i));
      break;
    }
    if (lt > i) top.text += decodeEntities(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end === -1) throw new PlistError('unterminated comment');
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end === -1) throw new PlistError('unterminated CDATA');
      top.text += text.slice(lt + 9, end);
      i = end + 3;
    } else if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) throw new PlistError('unterminated processing instruction');
      i = end + 2;
    } else if (text.startsWith('<!', lt)) {
      // DOCTYPE, possibly with an internal subset in [...]
      let j = lt + 2;
      let depth = 0;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= n) throw new PlistError('unterminated declaration');
      i = j + 1;
    } else if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      if (end === -1) throw new PlistError('unterminated end tag');
      const tag = text.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open.tag !== tag || stack.length === 0) throw new PlistError(`unexpected </${tag}>`);
      i = end + 1;
    } else {
      const end = text.indexOf('>', lt);
      if (end === -1) throw new PlistError('unterminated start tag');
      let body = text.slice(lt + 1, end);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const tag = body.trim().split(/\s+/)[0];
      if (!tag) throw new PlistError('empty tag');
      const node: XmlNode = { tag, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
      i = end + 1;
    }
  }
  if (stack.length !== 1) throw new PlistError(`unclosed <${stack[stack.length - 1].tag}>`);
  return root;
}
