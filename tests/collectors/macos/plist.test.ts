import { describe, expect, it } from 'vitest';
import { parsePlist, PlistError } from '../../../src/collectors/macos/plist.js';
import { fixture, fixtureBuf } from './helpers.js';

const RICH = {
  ascii: 'plain',
  unicode: 'Überwachung – 監視 🙂',
  empty: '',
  long: 'x'.repeat(40),
  i1: 7,
  i2: 300,
  i4: 70000,
  i8: 2 ** 40,
  neg: -5,
  real: 3.25,
  date: new Date('2024-05-13T08:30:00Z'),
  data: new Uint8Array([0, 1, 0xfe, 0xff]),
  t: true,
  f: false,
  many: Array.from({ length: 20 }, (_, i) => i),
  nested: { ProgramArguments: ['/usr/local/bin/x', '--flag'], KeepAlive: { SuccessfulExit: false } },
  emptyDict: {},
  emptyArray: [],
};

describe('parsePlist', () => {
  it('reads a binary plist written by Python plistlib (FMT_BINARY): every object type', () => {
    expect(parsePlist(fixtureBuf('plist/rich.binary.plist'))).toEqual(RICH);
  });

  it('reads the same data from the XML form', () => {
    expect(parsePlist(fixtureBuf('plist/rich.xml.plist'))).toEqual(RICH);
    expect(parsePlist(fixture('plist/rich.xml.plist'))).toEqual(RICH);
  });

  it('gives identical results for the real Avast Info.plist in XML and in binary form', () => {
    const xml = parsePlist(fixtureBuf('apps/Info.plist_com.avast.AAFM_Avast_14.9.plist')) as Record<string, unknown>;
    const bin = parsePlist(fixtureBuf('apps/Info.plist_com.avast.AAFM_Avast_14.9.binary.plist'));
    expect(bin).toEqual(xml);
    expect(xml.CFBundleIdentifier).toBe('com.avast.AAFM');
    expect(xml.LSUIElement).toBe(true);
    expect(xml.NSHumanReadableCopyright).toBe('Copyright © 2021 AVAST Software s.r.o. All rights reserved.');
    expect((xml.NSServices as Array<Record<string, unknown>>)[0].NSRequiredContext).toEqual({ NSApplicationIdentifier: 'com.apple.finder' });
  });

  it('reads single-line XML with empty <string></string> (real Microsoft PPPC profile)', () => {
    const p = parsePlist(fixture('profiles/pppc_mobileconfig_microsoft_defender_fulldisk.mobileconfig')) as Record<string, unknown>;
    expect(p.PayloadDisplayName).toBe('Defender - Full Disk Access');
    expect(p.PayloadDescription).toBe('');
    expect(p.PayloadRemovalDisallowed).toBe(true);
  });

  it('decodes entities, CDATA, comments, self-closing containers and hex character references', () => {
    const xml = `<?xml version="1.0"?><!-- c --><plist version="1.0"><dict>
      <key>a&amp;b</key><string>&lt;x&gt; &#233;&#x263A; <![CDATA[<raw>&amp;]]></string>
      <key>d</key><dict/><key>arr</key><array/><key>s</key><string/><key>neg</key><integer>-12</integer>
    </dict></plist>`;
    expect(parsePlist(xml)).toEqual({ 'a&b': '<x> é☺ <raw>&amp;', d: {}, arr: [], s: '', neg: -12 });
  });

  it('reads UTF-16 XML with a byte-order mark', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><plist version="1.0"><string>Zoom – Überwachung</string></plist>';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(parsePlist(le)).toBe('Zoom – Überwachung');
  });

  it('rejects malformed input with PlistError', () => {
    expect(() => parsePlist('<plist><dict><key>x</key></dict></plist>')).toThrow(PlistError);
    expect(() => parsePlist('<plist><dict><string>x</string></dict>')).toThrow(PlistError);
    expect(() => parsePlist(Buffer.from('bplist00' + '\0'.repeat(10)))).toThrow(PlistError);
    const bin = Buffer.from(fixtureBuf('plist/rich.binary.plist'));
    bin.writeUInt32BE(0xffffffff, bin.length - 4); // offset table pointer past the end
    expect(() => parsePlist(bin)).toThrow(PlistError);
    expect(() => parsePlist(Buffer.from('bplist15xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'))).toThrow(/unsupported binary plist version/);
  });

  it('refuses a binary plist whose array contains itself instead of looping', () => {
    // bplist00, object 0 = array of one ref -> object 0; trailer: 1-byte offsets and refs, 1 object, top 0, table at 10.
    const body = Buffer.from([0xa1, 0x00]);
    const table = Buffer.from([8]);
    const trailer = Buffer.alloc(32);
    trailer[6] = 1;
    trailer[7] = 1;
    trailer.writeUInt32BE(1, 12);
    trailer.writeUInt32BE(0, 20);
    trailer.writeUInt32BE(10, 28);
    expect(() => parsePlist(Buffer.concat([Buffer.from('bplist00'), body, table, trailer]))).toThrow(/cycle/);
  });
});

// CPython's plistlib test data, generated on a Mac with Foundation (NSPropertyListSerialization): see SOURCES.md.
describe('plists written by Apple Foundation (not by Python)', () => {
  const xmlApple = parsePlist(fixtureBuf('plist/cpython_testdata_written_by_apple_foundation.xml.plist')) as Record<string, unknown>;
  const binApple = parsePlist(fixtureBuf('plist/cpython_testdata_written_by_apple_foundation.binary.plist')) as Record<string, unknown>;

  it('a 16-byte integer (2^63 + 44, beyond int64) and the other big integers are read exactly', () => {
    expect(binApple.aBigInt2).toBe(2n ** 63n + 44n);
    expect(binApple.aBigInt).toBe(2n ** 63n - 44n);
    expect(binApple.aNegativeBigInt).toBe(-80000000000);
    expect(binApple.aNegativeInt).toBe(-5);
    expect(binApple.anInt).toBe(728);
    expect(xmlApple.aBigInt2).toBe(2n ** 63n + 44n);
  });

  it('the binary and XML forms Apple wrote read the same, with the values the generator put in', () => {
    expect(binApple).toEqual(xmlApple);
    expect(binApple).toMatchObject({
      aString: 'Doodah',
      aList: ['A', 'B', 12, 32.5, [1, 2, 3]],
      aFloat: 0.5,
      aDate: new Date('2004-10-26T10:33:33Z'),
      aDict: { anotherString: "<hello & 'hi' there!>", aUnicodeValue: 'M\u00e4ssig, Ma\u00df', aTrueValue: true, aFalseValue: false, deeperDict: { a: 17, b: 32.5, c: [1, 2, 'text'] } },
      anEmptyDict: {},
      anEmptyList: [],
      '\u00c5benraa': 'That was a unicode key.',
    });
    expect(Buffer.from(binApple.someData as Uint8Array).toString('latin1')).toBe('<binary gunk>');
    expect((binApple.someMoreData as Uint8Array).length).toBe(250);
  });
});
