/**
 * The fixed part of the hardening script: PowerShell helper functions that the rendered body calls.
 * Every helper compares before it writes, logs "unchanged ..." or "changed ... (before -> after)",
 * and records changes in $Changes / $ChangedAreas for the TermService restart, the reboot and the summary.
 *
 * Written with String.raw so backslashes are literal; the text must not contain backticks or "${".
 */
const FUNCTIONS = String.raw`
function Write-Log([string]$Message) {
  Write-Host "[rdp-hardening] $Message"
}

function Add-Change([string]$Area, [string]$Item, [string]$Detail) {
  $Changes.Add($Item)
  [void]$ChangedAreas.Add($Area)
  Write-Log "changed $Item ($Detail)"
}

function Get-DwordValue([string]$Path, [string]$Name) {
  if (-not (Test-Path -LiteralPath $Path)) { return $null }
  $key = Get-Item -LiteralPath $Path
  if (@($key.GetValueNames()) -notcontains $Name) { return $null }
  $kind = [string]$key.GetValueKind($Name)
  if ($kind -ne 'DWord') { return "a $kind value" }
  return [int]$key.GetValue($Name)
}

function Set-Dword([string]$Key, [string]$Name, [int]$Value) {
  $parts = $Key -split '\\', 2
  $path = $RegistryRoots[$parts[0]]
  if ($parts.Count -gt 1) { $path = $path + '\' + $parts[1] }
  $current = Get-DwordValue $path $Name
  if ($current -is [int] -and $current -eq $Value) {
    Write-Log "unchanged $Key\$Name = $Value"
    return
  }
  if (-not (Test-Path -LiteralPath $path)) { New-Item -Path $path -Force | Out-Null }
  New-ItemProperty -LiteralPath $path -Name $Name -PropertyType DWord -Value $Value -Force | Out-Null
  $area = 'policy'
  if ($RdpRegistryRoots -contains $parts[0]) { $area = 'rdp' }
  if ($parts[0] -eq 'SCHANNEL') { $area = 'schannel' }
  $before = 'absent'
  if ($null -ne $current) { $before = [string]$current }
  Add-Change $area "$Key\$Name" "$before -> $Value"
}

function Set-Protocol([string]$Protocol, [bool]$Enabled) {
  foreach ($side in @('Server', 'Client')) {
    Set-Dword "SCHANNEL\$Protocol\$side" 'Enabled' ([int]$Enabled)
    Set-Dword "SCHANNEL\$Protocol\$side" 'DisabledByDefault' ([int](-not $Enabled))
  }
}

function Assert-WindowsBuild([int]$MinimumBuild, [string]$Release) {
  $build = [Environment]::OSVersion.Version.Build
  if ($build -lt $MinimumBuild) {
    throw "this profile targets $Release (build $MinimumBuild or later) but the host runs build $build; set windowsVersion to the image's release"
  }
}

function ConvertTo-CanonicalAddress([string]$Address) {
  if ($Address -notmatch '^[0-9A-Fa-f:.]+(/[0-9.]+)?$') { return $Address }
  $parts = $Address -split '/', 2
  $ip = [System.Net.IPAddress]::Parse($parts[0])
  $prefix = 32
  if ($ip.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetworkV6) { $prefix = 128 }
  if ($parts.Count -gt 1) {
    if ($parts[1] -match '^\d+$') {
      $prefix = [int]$parts[1]
    } else {
      $bits = (([System.Net.IPAddress]::Parse($parts[1]).GetAddressBytes() | ForEach-Object { [Convert]::ToString([int]$_, 2) }) -join '')
      $prefix = ($bits -replace '0', '').Length
    }
  }
  return $ip.ToString() + '/' + $prefix
}

function Join-Addresses($Addresses) {
  return ((@($Addresses) | ForEach-Object { ConvertTo-CanonicalAddress ([string]$_) } | Sort-Object) -join ',')
}

function Set-RdpFirewallRule([string]$Protocol, [bool]$Wanted) {
  $name = "secure-rdp-hosts-RDP-$Protocol-In"
  $rule = Get-NetFirewallRule -Name $name -ErrorAction SilentlyContinue
  if (-not $Wanted) {
    if ($null -eq $rule) {
      Write-Log "unchanged FW\$name absent"
    } else {
      Remove-NetFirewallRule -Name $name
      Add-Change 'firewall' "FW\$name" 'removed'
    }
    return
  }
  $wantedSources = Join-Addresses $AllowedSources
  if ($null -ne $rule) {
    $ports = $rule | Get-NetFirewallPortFilter
    $sources = Join-Addresses ($rule | Get-NetFirewallAddressFilter).RemoteAddress
    $same = ([string]$rule.Enabled -eq 'True') -and ([string]$rule.Direction -eq 'Inbound') -and ([string]$rule.Action -eq 'Allow') -and ([string]$rule.Profile -eq 'Any')
    $same = $same -and ([string]$ports.Protocol -eq $Protocol) -and ([string]$ports.LocalPort -eq [string]$RdpPort) -and ($sources -eq $wantedSources)
    if ($same) {
      Write-Log "unchanged FW\$name = $Protocol $RdpPort from $wantedSources"
      return
    }
    Remove-NetFirewallRule -Name $name
  }
  New-NetFirewallRule -Name $name -DisplayName "secure-rdp-hosts RDP ($Protocol-In)" -Description 'RDP on the custom port from the allowlist; managed by secure-rdp-hosts' -Direction Inbound -Action Allow -Protocol $Protocol -LocalPort $RdpPort -RemoteAddress $AllowedSources -Profile Any -Enabled True | Out-Null
  Add-Change 'firewall' "FW\$name" "$Protocol $RdpPort from $wantedSources"
}

function Disable-DefaultRdpRules {
  $found = $false
  foreach ($filter in @(Get-NetFirewallPortFilter -All | Where-Object { @($_.LocalPort) -contains '3389' })) {
    $rule = $filter | Get-NetFirewallRule
    if ([string]$rule.Direction -eq 'Inbound' -and [string]$rule.Action -eq 'Allow' -and [string]$rule.Enabled -eq 'True') {
      $rule | Disable-NetFirewallRule
      Add-Change 'firewall' ('FW\' + $rule.Name) 'disabled: allowed the default port 3389'
      $found = $true
    }
  }
  if (-not $found) { Write-Log 'unchanged FW: no enabled inbound rule allows port 3389' }
}

function Enable-FirewallProfiles {
  foreach ($firewallProfile in @(Get-NetFirewallProfile)) {
    if ([string]$firewallProfile.Enabled -eq 'True') {
      Write-Log ('unchanged FW\profile-' + $firewallProfile.Name + ' = enabled')
    } else {
      Set-NetFirewallProfile -Name $firewallProfile.Name -Enabled True
      Add-Change 'firewall' ('FW\profile-' + $firewallProfile.Name) 'enabled'
    }
  }
}

function Get-LockoutPolicy {
  $file = Join-Path $env:TEMP ('secure-rdp-hosts-secpol-' + $PID + '.inf')
  & secedit.exe /export /cfg $file /areas SECURITYPOLICY /quiet | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "secedit /export failed with exit code $LASTEXITCODE" }
  $policy = @{}
  foreach ($line in Get-Content -LiteralPath $file) {
    if ($line -match '^\s*(LockoutBadCount|LockoutDuration|ResetLockoutCount)\s*=\s*(-?\d+)') { $policy[$Matches[1]] = [int]$Matches[2] }
  }
  Remove-Item -LiteralPath $file -Force
  return $policy
}

function Set-Lockout([hashtable]$Policy, [string]$Setting, [string]$Switch, [int]$Value) {
  $current = $null
  if ($Policy.ContainsKey($Setting)) { $current = $Policy[$Setting] }
  if ($current -eq $Value) {
    Write-Log "unchanged LOCKOUT\$Setting = $Value"
    return
  }
  & net.exe accounts ('/' + $Switch + ':' + $Value) | Out-Null
  if ($LASTEXITCODE -ne 0) { throw "net accounts /$Switch failed with exit code $LASTEXITCODE" }
  $before = 'absent'
  if ($null -ne $current) { $before = [string]$current }
  Add-Change 'lockout' "LOCKOUT\$Setting" "$before -> $Value"
}

function Set-ListenerCertificate([string]$Thumbprint) {
  if (-not (Test-Path -LiteralPath ('Cert:\LocalMachine\My\' + $Thumbprint))) {
    throw "the listener certificate $Thumbprint is not in Cert:\LocalMachine\My; install it before this script runs"
  }
  $setting = Get-CimInstance -Namespace 'root/cimv2/TerminalServices' -ClassName 'Win32_TSGeneralSetting' -Filter "TerminalName='RDP-Tcp'"
  if ([string]$setting.SSLCertificateSHA1Hash -eq $Thumbprint) {
    Write-Log "unchanged WS\SSLCertificateSHA1Hash = $Thumbprint"
    return
  }
  Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $Thumbprint }
  Add-Change 'rdp' 'WS\SSLCertificateSHA1Hash' ([string]$setting.SSLCertificateSHA1Hash + ' -> ' + $Thumbprint)
}

function Restart-RdpService {
  if (-not $ChangedAreas.Contains('rdp')) {
    Write-Log 'unchanged: no RDP setting changed, TermService not restarted'
    return
  }
  Restart-Service -Name 'TermService' -Force
  $Summary.termServiceRestarted = $true
  Write-Log 'restarted TermService so the listener uses the new settings'
}

function Update-SchannelReboot {
  $state = $RegistryRoots['STATE']
  if ($ChangedAreas.Contains('schannel')) {
    $at = (Get-Date).AddMinutes($RebootDelayMinutes)
    # The task waits for any hardening run in progress (same mutex), so a run is never cut off by the reboot.
    $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ('-NoProfile -NonInteractive -Command "$m = New-Object System.Threading.Mutex($false, ''' + $MutexName + '''); try { [void]$m.WaitOne(600000) } catch { }; shutdown.exe /r /t 0 /c ''secure-rdp-hosts: apply SCHANNEL settings''"')
    Register-ScheduledTask -TaskName $RebootTaskName -Action $action -Trigger (New-ScheduledTaskTrigger -Once -At $at) -User 'NT AUTHORITY\SYSTEM' -RunLevel Highest -Force | Out-Null
    if (-not (Test-Path -LiteralPath $state)) { New-Item -Path $state -Force | Out-Null }
    New-ItemProperty -LiteralPath $state -Name 'RebootRequestedUtc' -PropertyType String -Value ([datetime]::UtcNow.ToString('o')) -Force | Out-Null
    $Summary.rebootScheduled = $true
    Write-Log "reboot scheduled at $at by task $RebootTaskName (SCHANNEL changed)"
    return
  }
  $requested = $null
  if (Test-Path -LiteralPath $state) { $requested = (Get-Item -LiteralPath $state).GetValue('RebootRequestedUtc', $null) }
  if ($null -eq $requested) {
    Write-Log 'unchanged: no reboot pending'
    return
  }
  $boot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime()
  if ($boot -gt [datetime]::Parse([string]$requested, [cultureinfo]::InvariantCulture, 'RoundtripKind')) {
    Unregister-ScheduledTask -TaskName $RebootTaskName -Confirm:$false -ErrorAction SilentlyContinue
    Remove-ItemProperty -LiteralPath $state -Name 'RebootRequestedUtc'
    Write-Log 'the SCHANNEL reboot has happened; removed its task'
  } else {
    $Summary.rebootScheduled = $true
    Write-Log "the reboot requested at $requested is still pending"
  }
}

function Write-Summary([int]$ExitCode) {
  $kept = New-Object 'System.Collections.Generic.List[string]'
  $budget = 2400
  foreach ($item in $Changes) {
    $budget -= $item.Length * 2 + 3
    if ($budget -lt 0) { break }
    $kept.Add($item)
  }
  $Summary.changedCount = $Changes.Count
  $Summary.changed = $kept.ToArray()
  $Summary.changedTruncated = ($kept.Count -lt $Changes.Count)
  $Summary.exitCode = $ExitCode
  Write-Host ('RDP-HARDENING-SUMMARY ' + (ConvertTo-Json -InputObject $Summary -Compress -Depth 3))
}
`;

/** Helper functions that only some profiles call; left out of the script when unused, to save user-data bytes. */
export const OPTIONAL_SCRIPT_FUNCTIONS = ['Assert-WindowsBuild', 'Get-LockoutPolicy', 'Set-Lockout', 'Set-ListenerCertificate'] as const;

/** Name of an optional helper function. */
export type OptionalScriptFunction = (typeof OPTIONAL_SCRIPT_FUNCTIONS)[number];

/**
 * The helper functions' PowerShell text, without the optional ones the profile does not call.
 * @param used the optional functions to keep
 */
export function hardeningScriptFunctions(used: ReadonlySet<OptionalScriptFunction>): string {
  return FUNCTIONS.trim()
    .split('\n\n')
    .filter((block) => {
      const name = /^function ([A-Za-z-]+)/.exec(block)?.[1];
      return !OPTIONAL_SCRIPT_FUNCTIONS.some((optional) => optional === name && !used.has(optional));
    })
    .join('\n\n');
}

