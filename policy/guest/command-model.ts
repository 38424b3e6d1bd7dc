/**
 * What the guest-script evaluator knows about commands it does not walk: those that can run
 * arbitrary code (they make every tracked setting unknown), those that change the firewall in ways
 * not modelled, methods that write the registry or run code, and how registry paths are written.
 * Written from Microsoft's cmdlet documentation; not verified against a PowerShell runtime.
 */

/** Commands that can run arbitrary code or change settings in ways the evaluator does not follow. */
export const ARBITRARY_CODE = new Set(
  [
    'invoke-expression', 'iex', 'invoke-command', 'icm', 'start-process', 'saps', 'start', 'start-job', 'start-threadjob', 'invoke-item', 'ii', 'add-type',
    'invoke-wmimethod', 'invoke-cimmethod', 'set-ciminstance', 'set-wmiinstance', 'new-ciminstance', 'set-gpregistryvalue', 'set-gpprefregistryvalue', 'import-module', 'ipmo',
    'set-alias', 'new-alias', 'sal', 'nal', 'set-item', 'si', 'new-variable', 'nv', 'remove-variable', 'rv', 'clear-variable', 'import-gpo', 'restore-gpo',
    'copy-itemproperty', 'move-itemproperty', 'rename-itemproperty', 'clear-itemproperty', 'cpp', 'mp', 'rnp', 'clp', 'move-item', 'rename-item', 'copy-item', 'mi', 'rni', 'copy', 'cp', 'move', 'mv',
    'install-module', 'install-package', 'register-psrepository', 'invoke-restmethod', 'invoke-webrequest', 'irm', 'iwr', 'set-executionpolicy', 'enter-pssession', 'new-pssession',
    'cmd', 'cmd.exe', 'powershell', 'powershell.exe', 'pwsh', 'pwsh.exe', 'regedit', 'regedit.exe', 'regini', 'regini.exe', 'wmic', 'wmic.exe', 'netsh.exe', 'lgpo', 'lgpo.exe',
    'schtasks', 'schtasks.exe', 'sc', 'sc.exe', 'cscript', 'cscript.exe', 'wscript', 'wscript.exe', 'mshta', 'mshta.exe', 'rundll32', 'rundll32.exe', 'msiexec', 'msiexec.exe', 'gpupdate', 'gpupdate.exe', 'auditpol', 'auditpol.exe', 'bash', 'wsl',
  ],
);

/** Commands that may change the guest firewall in ways not modelled. */
export const FIREWALL_OPAQUE = /^(set-netfirewall\w*|new-netfirewall\w*|remove-netfirewall\w*|enable-netfirewall\w*|disable-netfirewall\w*|copy-netfirewallrule|rename-netfirewallrule|set-netfirewallprofile|set-netfirewallsetting|netsh|netsh\.exe|new-netipsecrule)$/i;

/** Methods that write the registry, run code or change RDP settings through WMI. */
export const DANGEROUS_METHOD = /^(SetValue|CreateSubKey|DeleteValue|DeleteSubKey|DeleteSubKeyTree|SetAccessControl|Invoke|InvokeScript|InvokeMethod|InvokeCommand|Create|AddScript|AddCommand|Put|Set\w*Value|SetUserAuthenticationRequired|SetEncryptionLevel|SetSecurityLayer|SetAllowTSConnections|SetSSLCertificateSHA1Hash|Start|Execute)$/i;

/** The registry hive prefixes, normalized to `hklm:\`. */
export function normalizeRegistryPath(path: string): string | undefined {
  const p = path.replace(/\//g, '\\').replace(/\\+$/, '');
  const m = /^(?:Microsoft\.PowerShell\.Core\\)?(?:Registry::)?(?:HKLM:\\?|HKLM\\|HKEY_LOCAL_MACHINE\\)(.*)$/i.exec(p);
  if (!m) return undefined;
  return `hklm:\\${m[1].replace(/\\+/g, '\\')}`.toLowerCase();
}

/** Native programs known not to change the tracked settings (others named by path or extension make them unknown). */
export const HARMLESS_NATIVE = new Set(['shutdown', 'shutdown.exe', 'whoami', 'whoami.exe', 'hostname', 'hostname.exe', 'ipconfig', 'ipconfig.exe', 'w32tm', 'w32tm.exe', 'ping', 'ping.exe', 'certutil.exe']);

/** True for a command name that runs a program or script file (a path, or an executable extension). */
export function isProgramFile(name: string): boolean {
  return /[\\/]|\.(exe|bat|cmd|ps1|psm1|com|vbs|js|msi)$/i.test(name);
}
