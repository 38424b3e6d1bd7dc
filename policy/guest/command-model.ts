/**
 * What the guest-script evaluator knows about commands it does not walk: those that can run
 * arbitrary code (they make every tracked setting unknown), those that change the firewall in ways
 * not modelled, methods that write the registry or run code, and how registry paths are written.
 * Written from Microsoft's cmdlet documentation; not verified against a PowerShell runtime.
 */

// The tables below are built on each call, not at module load: a module-level table would make each of its
// entries a "static" mutant that reruns every test of the mutation group (docs/testing.md, "Group guest").

/** True for a command (lower case) that can run arbitrary code or change settings in ways the evaluator does not follow. */
export function isArbitraryCode(command: string): boolean {
  return [
    'invoke-expression', 'iex', 'invoke-command', 'icm', 'start-process', 'saps', 'start', 'start-job', 'start-threadjob', 'invoke-item', 'ii', 'add-type',
    'invoke-wmimethod', 'invoke-cimmethod', 'set-ciminstance', 'set-wmiinstance', 'new-ciminstance', 'set-gpregistryvalue', 'set-gpprefregistryvalue', 'import-module', 'ipmo',
    'set-alias', 'new-alias', 'sal', 'nal', 'set-item', 'si', 'new-variable', 'nv', 'remove-variable', 'rv', 'clear-variable', 'import-gpo', 'restore-gpo',
    'copy-itemproperty', 'move-itemproperty', 'rename-itemproperty', 'clear-itemproperty', 'cpp', 'mp', 'rnp', 'clp', 'move-item', 'rename-item', 'copy-item', 'mi', 'rni', 'copy', 'cp', 'move', 'mv',
    'install-module', 'install-package', 'register-psrepository', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr', 'set-executionpolicy', 'enter-pssession', 'new-pssession',
    'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe', 'regedit', 'regedit.exe', 'regini', 'regini.exe', 'wmic', 'wmic.exe', 'netsh.exe', 'lgpo', 'lgpo.exe',
    'schtasks', 'schtasks.exe', 'sc', 'sc.exe', 'cscript', 'cscript.exe', 'wscript', 'wscript.exe', 'mshta', 'mshta.exe', 'rundll32', 'rundll32.exe', 'msiexec', 'msiexec.exe', 'gpupdate', 'gpupdate.exe', 'auditpol', 'auditpol.exe', 'bash', 'wsl',
  ].includes(command);
}

/** True for a command (lower case) that may change the guest firewall in ways not modelled. */
export function isFirewallOpaque(command: string): boolean {
  return /^(set-netfirewall\w*|new-netfirewall\w*|remove-netfirewall\w*|enable-netfirewall\w*|disable-netfirewall\w*|copy-netfirewallrule|rename-netfirewallrule|set-netfirewallprofile|set-netfirewallsetting|netsh|netsh\.exe|new-netipsecrule)$/i.test(command);
}

/** True for a method that writes the registry, runs code (WScript.Shell's `Run`, `Exec`, `RegWrite`; Shell.Application's `ShellExecute`) or changes RDP settings through WMI. */
export function isDangerousMethod(method: string): boolean {
  return /^(Run|Exec|ShellExecute|RegWrite|RegDelete|SetValue|CreateSubKey|DeleteValue|DeleteSubKey|DeleteSubKeyTree|SetAccessControl|Invoke|InvokeScript|InvokeMethod|InvokeCommand|Create|AddScript|AddCommand|Put|Set\w*Value|SetUserAuthenticationRequired|SetEncryptionLevel|SetSecurityLayer|SetAllowTSConnections|SetSSLCertificateSHA1Hash|Start|Execute)$/i.test(method);
}

/** The registry hive prefixes, normalized to `hklm:\`. */
export function normalizeRegistryPath(path: string): string | undefined {
  const p = path.replace(/\//g, '\\').replace(/\\+$/, '');
  const m = /^(?:Microsoft\.PowerShell\.Core\\)?(?:Registry::)?(?:HKLM:\\?|HKLM\\|HKEY_LOCAL_MACHINE\\)(.*)$/i.exec(p);
  if (!m) return undefined;
  return `hklm:\\${m[1].replace(/\\+/g, '\\')}`.toLowerCase();
}

/**
 * True for a command (lower case) known to leave the tracked settings (registry values, firewall, lockout policy) alone: they
 * read, print, build objects or pace the script. Any other command that the evaluator neither models nor
 * finds defined in the script (a cmdlet of an unknown module, a program on the PATH such as `psexec`) could
 * change anything, so it makes every tracked setting unknown: an allow-list, not a deny-list.
 */
export function isSettingsNeutral(command: string): boolean {
  return [
    'out-null', 'out-string', 'out-default', 'out-host', 'set-strictmode', 'test-path', 'join-path', 'split-path', 'resolve-path', 'get-random',
    'write-host', 'write-output', 'write-verbose', 'write-warning', 'write-error', 'write-information', 'write-debug', 'write-progress', 'echo',
    'get-date', 'get-location', 'get-item', 'gi', 'get-itemproperty', 'gp', 'get-itempropertyvalue', 'gpv', 'get-childitem', 'gci', 'dir', 'ls', 'get-content', 'gc', 'cat', 'get-service', 'gsv',
    'get-netfirewallrule', 'get-netfirewallprofile', 'get-netfirewallportfilter', 'get-netfirewalladdressfilter', 'get-ciminstance', 'get-wmiobject', 'get-command', 'gcm', 'get-process', 'gps',
    'get-acl', 'get-variable', 'gv', 'get-member', 'gm', 'get-localuser', 'get-hotfix', 'get-computerinfo',
    'select-object', 'select', 'where-object', 'where', '?', 'foreach-object', 'foreach', '%', 'sort-object', 'sort', 'measure-object', 'measure', 'group-object', 'select-string', 'sls',
    'convertto-json', 'convertfrom-json', 'new-object', 'start-sleep', 'sleep', 'format-list', 'fl', 'format-table', 'ft', 'add-member', 'restart-service',
    // Creates a registry key or a folder. Known gap: on the registry provider `-Force` over an existing key may
    // replace it, dropping its values; the evaluator reads it as creating the key (the renderer calls it only
    // after `Test-Path` found no key). Not verified against a PowerShell runtime.
    'new-item', 'ni',
  ].includes(command);
}

/** True for a native program (lower-case file name) known not to change the tracked settings (others named by path or extension make them unknown). */
export function isHarmlessNative(program: string): boolean {
  return ['shutdown', 'shutdown.exe', 'whoami', 'whoami.exe', 'hostname', 'hostname.exe', 'ipconfig', 'ipconfig.exe', 'w32tm', 'w32tm.exe', 'ping', 'ping.exe', 'certutil.exe'].includes(program);
}

/** True for a command name that runs a program or script file (a path, or an executable extension). */
export function isProgramFile(name: string): boolean {
  return /[\\/]|\.(exe|bat|cmd|ps1|psm1|com|vbs|js|msi)$/i.test(name);
}
