/**
 * The fixed part of the hardening script: PowerShell helper functions that the rendered body calls.
 * Every helper compares before it writes, logs "unchanged ..." or "changed ... (before -> after)",
 * and records changes in $Changes for the summary. A write that needs a TermService restart or a reboot
 * first persists a pending marker under HKLM:\SOFTWARE\secure-rdp-hosts; Complete-PendingRestart and
 * Complete-PendingReboot act on the markers after every run (failed or not) and clear them only once done.
 *
 * Written with String.raw so backslashes are literal; the text must not contain backticks or "${".
 */
const FUNCTIONS = String.raw`
function Write-Log([string]$Message) {
  Write-Host "[rdp-hardening] $Message"
}

function Add-Change([string]$Item, [string]$Detail) {
  $Changes.Add($Item)
  Write-Log "changed $Item ($Detail)"
}

function Write-Failure($ErrorRecord) {
  $message = [string]$ErrorRecord.Exception.Message
  if ($message.Length -gt 500) { $message = $message.Substring(0, 500) }
  $Failures.Add($message + ' (line ' + $ErrorRecord.InvocationInfo.ScriptLineNumber + ')')
  Write-Log ('FAILED: ' + $message)
}

function Set-PendingMarker([string]$Name) {
  $state = $RegistryRoots['STATE']
  if (-not (Test-Path -LiteralPath $state)) { New-Item -Path $state -Force | Out-Null }
  New-ItemProperty -LiteralPath $state -Name $Name -PropertyType String -Value ([datetime]::UtcNow.ToString('o')) -Force | Out-Null
}

function Get-PendingMarker([string]$Name) {
  $state = $RegistryRoots['STATE']
  if (-not (Test-Path -LiteralPath $state)) { return $null }
  return (Get-Item -LiteralPath $state).GetValue($Name, $null)
}

function Clear-PendingMarker([string]$Name) {
  Remove-ItemProperty -LiteralPath $RegistryRoots['STATE'] -Name $Name
}

function Enter-HardeningLock($Mutex) {
  try {
    return $Mutex.WaitOne([TimeSpan]::FromMinutes(10))
  } catch {
    if ([string]$_.Exception -notmatch 'AbandonedMutexException') { throw }
    return $true
  }
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
  # The marker goes first: a run that fails after this write still leaves the restart or reboot pending.
  $marker = $PendingMarkerOf[$parts[0]]
  if ($null -ne $marker) { Set-PendingMarker $marker }
  if (-not (Test-Path -LiteralPath $path)) { New-Item -Path $path -Force | Out-Null }
  New-ItemProperty -LiteralPath $path -Name $Name -PropertyType DWord -Value $Value -Force | Out-Null
  $before = 'absent'
  if ($null -ne $current) { $before = [string]$current }
  Add-Change "$Key\$Name" "$before -> $Value"
}

function Remove-Value([string]$Key, [string]$Name) {
  $path = $RegistryRoots[$Key]
  if ($null -eq (Get-DwordValue $path $Name)) {
    Write-Log "unchanged $Key\$Name absent"
    return
  }
  Remove-ItemProperty -LiteralPath $path -Name $Name
  Add-Change "$Key\$Name" 'removed'
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
      Add-Change "FW\$name" 'removed'
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
  Add-Change "FW\$name" "$Protocol $RdpPort from $wantedSources"
}

function Disable-DefaultRdpRules {
  $found = $false
  foreach ($filter in @(Get-NetFirewallPortFilter -All | Where-Object { @($_.LocalPort) -contains '3389' })) {
    $rule = $filter | Get-NetFirewallRule
    if ([string]$rule.Direction -eq 'Inbound' -and [string]$rule.Action -eq 'Allow' -and [string]$rule.Enabled -eq 'True') {
      $rule | Disable-NetFirewallRule
      Add-Change ('FW\' + $rule.Name) 'disabled: allowed the default port 3389'
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
      Add-Change ('FW\profile-' + $firewallProfile.Name) 'enabled'
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
  Add-Change "LOCKOUT\$Setting" "$before -> $Value"
}

function Get-PrivateKeyFile($Certificate) {
  $key = [System.Security.Cryptography.X509Certificates.RSACertificateExtensions]::GetRSAPrivateKey($Certificate)
  if ($null -eq $key) { $key = [System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions]::GetECDsaPrivateKey($Certificate) }
  if ($null -eq $key) { throw 'its private key cannot be opened as an RSA or ECDSA key' }
  $name = $null
  if ($key -is [System.Security.Cryptography.RSACryptoServiceProvider]) { $name = $key.CspKeyContainerInfo.UniqueKeyContainerName }
  if ($key -is [System.Security.Cryptography.RSACng] -or $key -is [System.Security.Cryptography.ECDsaCng]) { $name = $key.Key.UniqueName }
  if ([string]::IsNullOrEmpty($name)) { throw 'its private key is not a CNG or CryptoAPI machine key' }
  # CNG keys live in Crypto\Keys, CryptoAPI (CSP) machine keys in Crypto\RSA\MachineKeys.
  foreach ($folder in @('Microsoft\Crypto\Keys', 'Microsoft\Crypto\RSA\MachineKeys')) {
    $file = Join-Path (Join-Path $env:ALLUSERSPROFILE $folder) $name
    if (Test-Path -LiteralPath $file) { return $file }
  }
  throw "its private key file $name is in neither Crypto\Keys nor Crypto\RSA\MachineKeys under $env:ALLUSERSPROFILE"
}

function Grant-NetworkServiceKeyRead([string]$Thumbprint, [string]$KeyFile) {
  $networkService = New-Object System.Security.Principal.SecurityIdentifier('S-1-5-20')
  $read = [System.Security.AccessControl.FileSystemRights]::Read
  $acl = Get-Acl -LiteralPath $KeyFile
  $grants = @($acl.GetAccessRules($true, $true, [System.Security.Principal.SecurityIdentifier]) | Where-Object { $_.IdentityReference -eq $networkService -and [string]$_.AccessControlType -eq 'Allow' -and ($_.FileSystemRights -band $read) -eq $read })
  if ($grants.Count -gt 0) {
    Write-Log "unchanged KEY\$Thumbprint = NETWORK SERVICE may read the private key"
    return
  }
  $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($networkService, $read, 'Allow')))
  Set-Acl -LiteralPath $KeyFile -AclObject $acl
  Add-Change "KEY\$Thumbprint" 'NETWORK SERVICE granted read on the private key'
}

function Set-ListenerCertificate([string]$Thumbprint) {
  # Every check comes before the first change, so a certificate that cannot work leaves the listener as it is.
  $path = 'Cert:\LocalMachine\My\' + $Thumbprint
  $unchanged = 'the RDP listener certificate was not changed'
  if (-not (Test-Path -LiteralPath $path)) { throw "the listener certificate $Thumbprint is not in Cert:\LocalMachine\My; install it before this script runs ($unchanged)" }
  $certificate = Get-Item -LiteralPath $path
  $now = [datetime]::UtcNow
  if ($certificate.NotBefore.ToUniversalTime() -gt $now) { throw "the listener certificate $Thumbprint is not valid before $($certificate.NotBefore.ToUniversalTime().ToString('u')) ($unchanged)" }
  if ($certificate.NotAfter.ToUniversalTime() -le $now) { throw "the listener certificate $Thumbprint expired on $($certificate.NotAfter.ToUniversalTime().ToString('u')) ($unchanged)" }
  $usages = @($certificate.Extensions | Where-Object { $_ -is [System.Security.Cryptography.X509Certificates.X509EnhancedKeyUsageExtension] } | ForEach-Object { $_.EnhancedKeyUsages } | ForEach-Object { $_.Value })
  if ($usages -notcontains '1.3.6.1.5.5.7.3.1') { throw "the listener certificate $Thumbprint has no Server Authentication EKU (1.3.6.1.5.5.7.3.1) ($unchanged)" }
  if (-not $certificate.HasPrivateKey) { throw "the listener certificate $Thumbprint has no private key in the machine store ($unchanged)" }
  $keyFile = $null
  try { $keyFile = Get-PrivateKeyFile $certificate } catch { throw ('the listener certificate ' + $Thumbprint + ': ' + $_.Exception.Message + ' (' + $unchanged + ')') }
  # TermService runs as NETWORK SERVICE and must read the key, or every TLS handshake fails after the restart.
  Grant-NetworkServiceKeyRead $Thumbprint $keyFile
  $setting = Get-CimInstance -Namespace 'root/cimv2/TerminalServices' -ClassName 'Win32_TSGeneralSetting' -Filter "TerminalName='RDP-Tcp'"
  if ([string]$setting.SSLCertificateSHA1Hash -eq $Thumbprint) {
    Write-Log "unchanged WS\SSLCertificateSHA1Hash = $Thumbprint"
    return
  }
  Set-PendingMarker $RestartMarker
  Set-CimInstance -InputObject $setting -Property @{ SSLCertificateSHA1Hash = $Thumbprint }
  Add-Change 'WS\SSLCertificateSHA1Hash' ([string]$setting.SSLCertificateSHA1Hash + ' -> ' + $Thumbprint)
}

function Get-ListeningPortOwners([int]$Port) {
  return @(Get-NetTCPConnection -State Listen -LocalPort $Port -ErrorAction SilentlyContinue | ForEach-Object { $_.OwningProcess } | Sort-Object -Unique)
}

# Callers wrap the result in @(): PowerShell unrolls a returned array, and strict mode refuses .Count on a scalar.
function Wait-ListeningPortOwners([int]$Port, [int]$Seconds) {
  $owners = @(Get-ListeningPortOwners $Port)
  $deadline = (Get-Date).AddSeconds($Seconds)
  while ($owners.Count -eq 0 -and (Get-Date) -lt $deadline) {
    Start-Sleep -Seconds 2
    $owners = @(Get-ListeningPortOwners $Port)
  }
  return $owners
}

function Complete-PendingRestart {
  $requested = Get-PendingMarker $RestartMarker
  $port = Get-DwordValue $RegistryRoots['WS'] 'PortNumber'
  if (-not ($port -is [int])) { throw "WS\PortNumber is not a DWORD ($port); the listener port is unknown" }
  $owners = @(Get-ListeningPortOwners $port)
  # A run at start-up may come before TermService listens: give it a minute before calling it broken.
  if ($null -eq $requested -and $owners.Count -eq 0) { $owners = @(Wait-ListeningPortOwners $port 60) }
  if ($null -eq $requested -and $owners.Count -gt 0) {
    Write-Log "unchanged: no TermService restart pending, port $port is listening"
    return
  }
  $reason = "a restart requested at $requested is pending"
  if ($null -eq $requested) { $reason = "nothing listens on WS\PortNumber $port" }
  Write-Log "restarting TermService: $reason"
  Restart-Service -Name 'TermService' -Force
  $Summary.termServiceRestarted = $true
  $owners = @(Wait-ListeningPortOwners $port 120)
  if ($owners.Count -eq 0) { throw "TermService was restarted but nothing listens on port $port after 120 s; the restart stays pending" }
  if ($null -ne $requested) { Clear-PendingMarker $RestartMarker }
  Write-Log ("restarted TermService; port $port is listening (process " + ($owners -join ', ') + ')')
}

function Register-RebootTask {
  $at = (Get-Date).AddMinutes($RebootDelayMinutes)
  # The task waits for any hardening run in progress (same mutex), so a run is never cut off by the reboot.
  $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument ('-NoProfile -NonInteractive -Command "$m = New-Object System.Threading.Mutex($false, ''' + $MutexName + '''); try { [void]$m.WaitOne(600000) } catch { }; shutdown.exe /r /t 0 /c ''secure-rdp-hosts: apply SCHANNEL settings''"')
  Register-ScheduledTask -TaskName $RebootTaskName -Action $action -Trigger (New-ScheduledTaskTrigger -Once -At $at) -User 'NT AUTHORITY\SYSTEM' -RunLevel Highest -Force | Out-Null
  Write-Log "reboot scheduled at $at by task $RebootTaskName"
}

function Complete-PendingReboot {
  $requested = Get-PendingMarker $RebootMarker
  if ($null -eq $requested) {
    Write-Log 'unchanged: no reboot pending'
    return
  }
  $boot = (Get-CimInstance -ClassName Win32_OperatingSystem).LastBootUpTime.ToUniversalTime()
  if ($boot -gt [datetime]::Parse([string]$requested, [cultureinfo]::InvariantCulture, 'RoundtripKind')) {
    Unregister-ScheduledTask -TaskName $RebootTaskName -Confirm:$false -ErrorAction SilentlyContinue
    Clear-PendingMarker $RebootMarker
    Write-Log "the reboot requested at $requested has happened; SCHANNEL settings are in effect"
    return
  }
  $Summary.rebootScheduled = $true
  $task = Get-ScheduledTask -TaskName $RebootTaskName -ErrorAction SilentlyContinue
  if ($null -ne $task -and ([string]$task.State -eq 'Running' -or $null -ne (Get-ScheduledTaskInfo -TaskName $RebootTaskName).NextRunTime)) {
    Write-Log "the reboot requested at $requested is still pending; task $RebootTaskName is scheduled"
    return
  }
  Register-RebootTask
}

function Install-DriftCorrectionTask {
  $copy = Join-Path $DriftFolder 'hardening.ps1'
  if ([string]::IsNullOrEmpty($ScriptPath) -or -not (Test-Path -LiteralPath $ScriptPath)) { throw 'the running script has no file path, so the drift-correction task cannot get a local copy' }
  if (-not (Test-Path -LiteralPath $DriftFolder)) { New-Item -ItemType Directory -Path $DriftFolder -Force | Out-Null }
  # SYSTEM runs the copy, so only SYSTEM and Administrators may own or write the folder: no inherited access.
  $administrators = New-Object System.Security.Principal.SecurityIdentifier('S-1-5-32-544')
  $wanted = New-Object System.Security.AccessControl.DirectorySecurity
  $wanted.SetOwner($administrators)
  $wanted.SetAccessRuleProtection($true, $false)
  foreach ($sid in @('S-1-5-18', 'S-1-5-32-544')) {
    $wanted.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule((New-Object System.Security.Principal.SecurityIdentifier($sid)), 'FullControl', 'ContainerInherit, ObjectInherit', 'None', 'Allow')))
  }
  $sections = [System.Security.AccessControl.AccessControlSections]'Access, Owner'
  if ((Get-Acl -LiteralPath $DriftFolder).GetSecurityDescriptorSddlForm($sections) -eq $wanted.GetSecurityDescriptorSddlForm($sections)) {
    Write-Log "unchanged TASK\$DriftFolder = SYSTEM and Administrators only"
  } else {
    Set-Acl -LiteralPath $DriftFolder -AclObject $wanted
    Add-Change "TASK\$DriftFolder" 'access limited to SYSTEM and Administrators'
  }
  $text = [System.IO.File]::ReadAllText($ScriptPath)
  $same = $false
  if (Test-Path -LiteralPath $copy) {
    $explicit = @((Get-Acl -LiteralPath $copy).Access | Where-Object { -not $_.IsInherited })
    $same = ($explicit.Count -eq 0) -and ([System.IO.File]::ReadAllText($copy) -ceq $text)
  }
  if ($same) {
    Write-Log "unchanged TASK\$copy"
  } else {
    if (Test-Path -LiteralPath $copy) { Remove-Item -LiteralPath $copy -Force }
    [System.IO.File]::WriteAllText($copy, $text, (New-Object System.Text.UTF8Encoding($false)))
    Add-Change "TASK\$copy" 'local copy of this script written'
  }
  $arguments = '-NoProfile -NonInteractive -ExecutionPolicy Bypass -File "' + $copy + '"'
  $task = Get-ScheduledTask -TaskName $DriftTaskName -ErrorAction SilentlyContinue
  $same = $false
  if ($null -ne $task) {
    $triggers = @($task.Triggers)
    $repeating = @($triggers | Where-Object { $null -ne $_.Repetition -and [string]$_.Repetition.Interval -eq ('PT' + $DriftIntervalMinutes + 'M') })
    $atStartup = @($triggers | Where-Object { $_.CimClass.CimClassName -eq 'MSFT_TaskBootTrigger' })
    $same = ([string]$task.State -ne 'Disabled') -and (@($task.Actions).Count -eq 1) -and ([string]$task.Actions[0].Arguments -eq $arguments) -and ([string]$task.Principal.UserId -match '(^|\\)SYSTEM$|^S-1-5-18$') -and ($triggers.Count -eq 2) -and ($repeating.Count -eq 1) -and ($atStartup.Count -eq 1)
  }
  if ($same) {
    Write-Log "unchanged TASK\$DriftTaskName = every $DriftIntervalMinutes minutes and at start-up"
    return
  }
  $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument $arguments
  $every = New-ScheduledTaskTrigger -Once -At (Get-Date).AddMinutes($DriftIntervalMinutes) -RepetitionInterval (New-TimeSpan -Minutes $DriftIntervalMinutes)
  $settings = New-ScheduledTaskSettingsSet -MultipleInstances IgnoreNew -ExecutionTimeLimit (New-TimeSpan -Minutes 30) -StartWhenAvailable
  Register-ScheduledTask -TaskName $DriftTaskName -Action $action -Trigger @((New-ScheduledTaskTrigger -AtStartup), $every) -Settings $settings -User 'NT AUTHORITY\SYSTEM' -RunLevel Highest -Force | Out-Null
  Add-Change "TASK\$DriftTaskName" "every $DriftIntervalMinutes minutes and at start-up, as SYSTEM"
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
  if ($Failures.Count -gt 0) {
    $errorText = $Failures -join ' | '
    if ($errorText.Length -gt 600) { $errorText = $errorText.Substring(0, 600) }
    $Summary.error = $errorText
  }
  try {
    $Summary.restartPending = ($null -ne (Get-PendingMarker $RestartMarker))
    $Summary.rebootPending = ($null -ne (Get-PendingMarker $RebootMarker))
  } catch {
    Write-Log ('the pending markers cannot be read: ' + $_.Exception.Message)
  }
  $line = 'RDP-HARDENING-SUMMARY ' + (ConvertTo-Json -InputObject $Summary -Compress -Depth 3)
  Write-Host $line
  # The same summary in the Application event log: 1000 nothing changed, 1001 settings changed (drift corrected), 1002 failed.
  try {
    if (-not [System.Diagnostics.EventLog]::SourceExists($EventSource)) { New-EventLog -LogName Application -Source $EventSource }
    $eventId = 1000
    $entryType = 'Information'
    if ($ExitCode -ne 0) {
      $eventId = 1002
      $entryType = 'Error'
    } elseif ($Changes.Count -gt 0) {
      $eventId = 1001
      $entryType = 'Warning'
    }
    Write-EventLog -LogName Application -Source $EventSource -EventId $eventId -EntryType $entryType -Message $line
  } catch {
    Write-Log ('the summary was not written to the event log: ' + $_.Exception.Message)
  }
}
`;

/** Helper functions that only some profiles call; left out of the script when unused, to save user-data bytes. */
export const OPTIONAL_SCRIPT_FUNCTIONS = [
  'Assert-WindowsBuild',
  'Get-LockoutPolicy',
  'Set-Lockout',
  'Get-PrivateKeyFile',
  'Grant-NetworkServiceKeyRead',
  'Set-ListenerCertificate',
  'Install-DriftCorrectionTask',
] as const;

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

