/**
 * The command model of the guest-script evaluator (policy/guest/command-model.ts), entry by entry
 * (issue #20, mutation testing): every command that can run arbitrary code makes NLA unknown after a
 * secure write, naming the command; the firewall cmdlets that are not modelled make the firewall unknown;
 * the methods that write the registry or run code make it unknown; the harmless programs and the read-only
 * commands change nothing; any other command makes every setting unknown.
 * The lists are written out here, not read from the module, so a dropped entry fails a test.
 */
import { evaluateScript } from '../../policy/guest/evaluate-script';
import { deriveGuestState } from '../../policy/guest/guest-state';
import { normalizeRegistryPath } from '../../policy/guest/command-model';
import { show, TSPOL } from './guest-snippets';

const SECURE = `Set-ItemProperty -Path '${TSPOL}' -Name 'UserAuthentication' -Value 1`;

const ARBITRARY = [
  'invoke-expression', 'iex', 'invoke-command', 'icm', 'start-process', 'saps', 'start', 'start-job', 'start-threadjob', 'invoke-item', 'ii', 'add-type',
  'invoke-wmimethod', 'invoke-cimmethod', 'set-ciminstance', 'set-wmiinstance', 'new-ciminstance', 'set-gpregistryvalue', 'set-gpprefregistryvalue', 'import-module', 'ipmo',
  'set-alias', 'new-alias', 'sal', 'nal', 'set-item', 'si', 'new-variable', 'nv', 'remove-variable', 'rv', 'clear-variable', 'import-gpo', 'restore-gpo',
  'copy-itemproperty', 'move-itemproperty', 'rename-itemproperty', 'clear-itemproperty', 'cpp', 'mp', 'rnp', 'clp', 'move-item', 'rename-item', 'copy-item', 'mi', 'rni', 'copy', 'cp', 'move', 'mv',
  'install-module', 'install-package', 'register-psrepository', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr', 'set-executionpolicy', 'enter-pssession', 'new-pssession',
  'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe', 'regedit', 'regedit.exe', 'regini', 'regini.exe', 'wmic', 'wmic.exe', 'netsh.exe', 'lgpo', 'lgpo.exe',
  'schtasks', 'schtasks.exe', 'sc', 'sc.exe', 'cscript', 'cscript.exe', 'wscript', 'wscript.exe', 'mshta', 'mshta.exe', 'rundll32', 'rundll32.exe', 'msiexec', 'msiexec.exe', 'gpupdate', 'gpupdate.exe', 'auditpol', 'auditpol.exe', 'bash', 'wsl',
];

test.each(ARBITRARY)('%s makes the settings unknown, naming it', (name) => {
  const g = deriveGuestState(evaluateScript(`${SECURE}\n${name.toUpperCase()} x`));
  const why = `unknown: line 2: \`${name.toUpperCase()}\` can run arbitrary code or change settings the evaluator does not follow`;
  expect([show(g.nla), show(g.lockoutThreshold), show(g.firewall)]).toEqual([why, why, why]);
});

test.each([
  'Set-NetFirewallSetting', 'New-NetFirewallAddressFilter', 'Remove-NetFirewallHyperVRule', 'Enable-NetFirewallHyperVRule', 'Disable-NetFirewallHyperVRule',
  'Copy-NetFirewallRule', 'Rename-NetFirewallRule', 'netsh', 'New-NetIPsecRule',
  // a cmdlet of the family not named one by one (Set-NetFirewall*)
  'Set-NetFirewallHyperVVMSetting',
])('%s makes the firewall unknown, not the registry', (name) => {
  const g = deriveGuestState(evaluateScript(`${SECURE}\nNew-NetFirewallRule -Name a -LocalPort 1\n${name} x`));
  expect([show(g.firewall), show(g.nla)]).toEqual([`unknown: line 3: \`${name}\` changes the firewall in a way the evaluator does not follow`, 'set true @1']);
});

test('a command that only looks like a firewall cmdlet is not one: it is an unknown command', () => {
  const g = deriveGuestState(evaluateScript(`New-NetFirewallRule -Name a -LocalPort 1\nGet-NetFirewallRule x\nMy-Set-NetFirewallThing`));
  expect(show(g.firewall)).toBe('unknown: line 3: runs `My-Set-NetFirewallThing`, a command the evaluator does not know to leave the settings alone');
});

const NEUTRAL = [
  'out-null', 'out-string', 'out-default', 'out-host', 'set-strictmode', 'test-path', 'join-path', 'split-path', 'resolve-path', 'get-random',
  'write-host', 'write-output', 'write-verbose', 'write-warning', 'write-error', 'write-information', 'write-debug', 'write-progress', 'echo',
  'get-date', 'get-location', 'get-item', 'gi', 'get-itemproperty', 'gp', 'get-itempropertyvalue', 'gpv', 'get-childitem', 'gci', 'dir', 'ls', 'get-content', 'gc', 'cat', 'get-service', 'gsv',
  'get-netfirewallrule', 'get-netfirewallprofile', 'get-netfirewallportfilter', 'get-netfirewalladdressfilter', 'get-ciminstance', 'get-wmiobject', 'get-command', 'gcm', 'get-process', 'gps',
  'get-acl', 'get-variable', 'gv', 'get-member', 'gm', 'get-localuser', 'get-hotfix', 'get-computerinfo',
  'select-object', 'select', 'where-object', 'where', '?', 'foreach-object', 'foreach', '%', 'sort-object', 'sort', 'measure-object', 'measure', 'group-object', 'select-string', 'sls',
  'convertto-json', 'convertfrom-json', 'new-object', 'start-sleep', 'sleep', 'format-list', 'fl', 'format-table', 'ft', 'add-member', 'restart-service', 'new-item', 'ni',
];

test.each(NEUTRAL.filter((n) => !['?', '%', 'foreach', 'where'].includes(n)))('the read-only or pacing command %s changes nothing', (name) => {
  expect(show(deriveGuestState(evaluateScript(`${SECURE}\n${name.toUpperCase()} x`)).nla)).toBe('set true @1');
});

// The aliases that read as statements of their own at the start of a line, in the pipeline where they are used.
test.each(['where', '?', 'foreach', 'WHERE'])('`… | %s …` in a pipeline changes nothing', (name) => {
  expect(show(deriveGuestState(evaluateScript(`${SECURE}\nGet-Item x | ${name} Name`)).nla)).toBe('set true @1');
});

// An allow-list, not a deny-list: any command neither modelled, defined in the script, nor known to leave the settings
// alone could change them (a module's cmdlet, a program on the PATH), so every tracked setting becomes unknown.
test.each([
  ['Stryker was here!', 'Stryker'],
  ['psexec -s reg add HKLM\\X /v UserAuthentication /d 0 /f', 'psexec'],
  ['Set-RDSessionCollectionConfiguration -CollectionName c -AuthenticateUsingNLA $false', 'Set-RDSessionCollectionConfiguration'],
  ['Stop-Service MpsSvc', 'Stop-Service'],
  ['Set-Service -Name MpsSvc -StartupType Disabled', 'Set-Service'],
  ['Register-ScheduledTask -TaskName t -Action $a', 'Register-ScheduledTask'],
  ['x.txt', 'x.txt'],
  // an executable extension only at the end makes a program file
  ['x.exe.txt', 'x.exe.txt'],
  // a name that only starts like a firewall command is no firewall command
  ['netshx', 'netshx'],
  ['exe', 'exe'],
  ['certutil -addstore x', 'certutil'],
  ['Get-Thing', 'Get-Thing'],
])('the unknown command in `%s` makes every setting unknown, naming it', (line, name) => {
  const g = deriveGuestState(evaluateScript(`${SECURE}\n${line}`));
  const why = `unknown: line 2: runs \`${name}\`, a command the evaluator does not know to leave the settings alone`;
  expect([show(g.nla), show(g.lockoutThreshold), show(g.firewall)]).toEqual([why, why, why]);
});

test.each([
  'SetValue', 'CreateSubKey', 'DeleteValue', 'DeleteSubKey', 'DeleteSubKeyTree', 'SetAccessControl', 'Invoke', 'InvokeScript', 'InvokeMethod', 'InvokeCommand', 'Create', 'AddScript', 'AddCommand', 'Put',
  'SetDWordValue', 'SetStringValue', 'SetUserAuthenticationRequired', 'SetEncryptionLevel', 'SetSecurityLayer', 'SetAllowTSConnections', 'SetSSLCertificateSHA1Hash', 'Start', 'Execute',
  // WScript.Shell and Shell.Application: run a program, write or delete a registry value
  'Run', 'Exec', 'ShellExecute', 'RegWrite', 'RegDelete',
])('the method .%s() makes the settings unknown', (method) => {
  const g = deriveGuestState(evaluateScript(`${SECURE}\n$o.${method}(1)`));
  expect(show(g.nla)).toBe(`unknown: \`.${method}(…)\` may write settings or run code the evaluator does not follow`);
});

test.each(['GetValue', 'ToString', 'OpenSubKey', 'MySetValueHelper', 'Started', 'Runspace', 'RegRead', 'GetLastRun'])('the method .%s() changes nothing', (method) => {
  expect(show(deriveGuestState(evaluateScript(`${SECURE}\n$v = $o.${method}(1)`)).nla)).toBe('set true @1');
});

test.each(['shutdown', 'shutdown.exe', 'whoami', 'whoami.exe', 'hostname', 'hostname.exe', 'ipconfig', 'ipconfig.exe', 'w32tm', 'w32tm.exe', 'ping', 'ping.exe', 'certutil.exe'])('the harmless program %s changes nothing, even by path', (name) => {
  expect(show(deriveGuestState(evaluateScript(`${SECURE}\nC:\\Windows\\System32\\${name} /x`)).nla)).toBe('set true @1');
});

test.each(['x.exe', 'x.bat', 'x.cmd', 'x.ps1', 'x.psm1', 'x.com', 'x.vbs', 'x.js', 'x.msi', 'C:\\x', 'dir/x', 'X.EXE'])('the program file %s makes the settings unknown', (name) => {
  expect(show(deriveGuestState(evaluateScript(`${SECURE}\n${name}`)).nla)).toBe(`unknown: line 2: runs ${name}, a program the evaluator does not follow`);
});

test.each<[string, string | undefined]>([
  ['HKLM:\\SOFTWARE\\X', 'hklm:\\software\\x'],
  ['HKLM:SOFTWARE\\X', 'hklm:\\software\\x'],
  ['HKLM\\SOFTWARE\\X', 'hklm:\\software\\x'],
  ['HKEY_LOCAL_MACHINE\\SOFTWARE\\X', 'hklm:\\software\\x'],
  ['Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\X', 'hklm:\\software\\x'],
  ['Microsoft.PowerShell.Core\\Registry::HKLM\\SOFTWARE\\X', 'hklm:\\software\\x'],
  ['hklm:/software//x\\\\', 'hklm:\\software\\x'],
  ['HKLM:\\A\\\\B', 'hklm:\\a\\b'],
  ['HKCU:\\SOFTWARE\\X', undefined],
  ['C:\\HKLM:\\X', undefined],
  ['XHKLM:\\X', undefined],
  // A key name with a line break is not the key before it (the write would be recorded in the wrong place).
  ['HKLM:\\SOFTWARE\\X\nY', undefined],
])('normalizeRegistryPath(%j)', (path, expected) => {
  expect(normalizeRegistryPath(path)).toBe(expected);
});
