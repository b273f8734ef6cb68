// Windows PowerShell writes any script block containing one of these words to its event log (event 4104, level
// Warning) even where script-block logging is off. The list is PowerShell's own: ScriptBlock.SuspiciousContentChecker
// in src/System.Management.Automation/engine/runtime/CompiledScriptBlock.cs, PowerShell/PowerShell at
// 0191946fe30015f11cd0113b16815eb1042a4e5b (the same words as the s_signatures set of the 2016 sources).
// PowerShell compares case-insensitively within runs of letters and '-'; we refuse any case-insensitive substring
// anywhere, which is stricter than both of PowerShell's matching algorithms.

export const SUSPICIOUS_WORDS: readonly string[] = [
  // Calling Add-Type
  'Add-Type', 'DllImport',
  // dynamic assembly building / method indirection
  'DefineDynamicAssembly', 'DefineDynamicModule', 'DefineType', 'DefineConstructor', 'CreateType', 'DefineLiteral', 'DefineEnum',
  'DefineField', 'ILGenerator', 'Emit', 'UnverifiableCodeAttribute', 'DefinePInvokeMethod', 'GetTypes', 'GetAssemblies', 'Methods',
  'Properties',
  // methods / properties on Type
  'GetConstructor', 'GetConstructors', 'GetDefaultMembers', 'GetEvent', 'GetEvents', 'GetField', 'GetFields', 'GetInterface',
  'GetInterfaceMap', 'GetInterfaces', 'GetMember', 'GetMembers', 'GetMethod', 'GetMethods', 'GetNestedType', 'GetNestedTypes',
  'GetProperties', 'GetProperty', 'InvokeMember', 'MakeArrayType', 'MakeByRefType', 'MakeGenericType', 'MakePointerType',
  'DeclaringMethod', 'DeclaringType', 'ReflectedType', 'TypeHandle', 'TypeInitializer', 'UnderlyingSystemType',
  // System.Runtime.InteropServices
  'InteropServices', 'Marshal', 'AllocHGlobal', 'PtrToStructure', 'StructureToPtr', 'FreeHGlobal', 'IntPtr',
  // obfuscation
  'MemoryStream', 'DeflateStream', 'FromBase64String', 'EncodedCommand', 'Bypass', 'ToBase64String', 'ExpandString', 'GetPowerShell',
  // Win32 API calls
  'OpenProcess', 'VirtualAlloc', 'VirtualFree', 'WriteProcessMemory', 'CreateUserThread', 'CloseHandle', 'GetDelegateForFunctionPointer',
  'kernel32', 'CreateThread', 'memcpy', 'LoadLibrary', 'GetModuleHandle', 'GetProcAddress', 'VirtualProtect', 'FreeLibrary',
  'ReadProcessMemory', 'CreateRemoteThread', 'AdjustTokenPrivileges', 'WriteByte', 'WriteInt32', 'OpenThreadToken', 'PtrToString',
  'ZeroFreeGlobalAllocUnicode', 'OpenProcessToken', 'GetTokenInformation', 'SetThreadToken', 'ImpersonateLoggedOnUser', 'RevertToSelf',
  'GetLogonSessionData', 'CreateProcessWithToken', 'DuplicateTokenEx', 'OpenWindowStation', 'OpenDesktop', 'MiniDumpWriteDump',
  'AddSecurityPackage', 'EnumerateSecurityPackages', 'GetProcessHandle', 'DangerousGetHandle',
  // crypto
  'CryptoServiceProvider', 'Cryptography', 'RijndaelManaged', 'SHA1Managed', 'CryptoStream', 'CreateEncryptor', 'CreateDecryptor',
  'TransformFinalBlock', 'DeviceIoControl', 'SetInformationProcess', 'PasswordDeriveBytes',
  // keylogging
  'GetAsyncKeyState', 'GetKeyboardState', 'GetForegroundWindow',
  // internal types
  'BindingFlags', 'NonPublic',
  // logging settings
  'ScriptBlockLogging', 'LogPipelineExecutionDetails', 'ProtectedEventLogging',
];

const ANY = new RegExp([...SUSPICIOUS_WORDS].sort((a, b) => b.length - a.length).map((w) => w.replace(/-/g, '\\-')).join('|'), 'i');

/** The first suspicious word in the text (case-insensitive substring), with its position. */
export function findSuspicious(text: string): { word: string; index: number } | undefined {
  const m = ANY.exec(text);
  return m ? { word: m[0], index: m.index } : undefined;
}

/**
 * JSON text with every suspicious word broken by writing one of its letters as a \uXXXX escape, which
 * ConvertFrom-Json reads back as the same letter. Only letters inside JSON strings and outside escape sequences
 * are rewritten, so the value is unchanged.
 */
export function breakSuspiciousWords(json: string): string {
  let s = json;
  for (let guard = 0; guard < 100_000; guard++) {
    const hit = findSuspicious(s);
    if (!hit) return s;
    const plain = plainStringLetters(s);
    let pos = -1;
    for (let i = hit.index; i < hit.index + hit.word.length; i++) {
      if (plain[i]) {
        pos = i;
        break;
      }
    }
    if (pos < 0) throw new Error(`internal: "${hit.word}" outside a JSON string`);
    s = `${s.slice(0, pos)}\\u${s.charCodeAt(pos).toString(16).padStart(4, '0')}${s.slice(pos + 1)}`;
  }
  throw new Error('internal: too many suspicious words in script data');
}

/** For each position: true when it is an ASCII letter inside a JSON string and not part of an escape sequence. */
function plainStringLetters(json: string): boolean[] {
  const out = new Array<boolean>(json.length).fill(false);
  let inStr = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (!inStr) {
      if (c === '"') inStr = true;
      continue;
    }
    if (c === '\\') {
      i += json[i + 1] === 'u' ? 5 : 1;
      continue;
    }
    if (c === '"') inStr = false;
    else out[i] = /[A-Za-z]/.test(c);
  }
  return out;
}
