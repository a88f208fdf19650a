# One target's whole transaction, run by RemoteFanOut in a runspace of its
# own pool: connect, look at the target, copy the module when asked, run one
# CaChain cmdlet there, clean up, disconnect. Whatever happens, the last
# object it writes is the target's CaChain.RemoteTargetDone record, and a
# failure is one error whose ErrorId is the kind RemoteErrors names it by.
param(
    [hashtable] $Target,  # Label, Transport, and Session or Connect (New-PSSession's parameters)
    [hashtable] $Work,    # Command, Parameters, Input
    [hashtable] $Module   # Copy, Version, Folder, Files, Platforms
)

$done = [ordered]@{
    PSTypeName = 'CaChain.RemoteTargetDone'; Target = $Target.Label; Transport = $Target.Transport
    Started = [DateTime]::UtcNow; Finished = $null; RemoteStarted = $null; RemoteFinished = $null
    ComputerName = $null; Platform = $null; PSVersion = $null; ModuleSource = $null; ErrorId = $null; Error = $null
}

# Fails this target with an error of the given kind; RemoteErrors rewraps it
# as "<cmdlet>.<kind>" with the target's label.
function Stop-Target([string] $Kind, [string] $Message, [Exception] $Inner) {
    $exception = if ($Inner) { [InvalidOperationException]::new($Message, $Inner) } else { [InvalidOperationException]::new($Message) }
    throw [Management.Automation.ErrorRecord]::new($exception, "CaChainRemote.$Kind", 'NotSpecified', $Target.Label)
}

# New-PSSession over SSH says only that "the SSH transport process has
# abruptly terminated", whatever the cause; ssh itself, asked the same way,
# says why (refused, unknown host, key not accepted).
function Get-SshFailure([hashtable] $Connect) {
    $arguments = @('-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=15')
    foreach ($option in $Connect.Options.GetEnumerator()) {
        if ($option.Key -ne 'LogLevel') { $arguments += '-o', "$($option.Key)=$($option.Value)" }
    }
    if ($Connect.KeyFilePath) { $arguments += '-i', $Connect.KeyFilePath }
    if ($Connect.UserName) { $arguments += '-l', $Connect.UserName }
    if ($Connect.Port) { $arguments += '-p', $Connect.Port }
    $said = (& ssh @arguments $Connect.HostName exit 2>&1 | Out-String).Trim()
    if ($LASTEXITCODE -ne 255) { return $null }  # ssh itself got in: the PowerShell side failed
    $said
}

function Open-TargetSession {
    $connect = $Target.Connect
    try {
        New-PSSession @connect -ErrorAction Stop
    } catch {
        $said = if ($Target.Transport -eq 'SSH') { Get-SshFailure $connect }
        $kind = if (-not $said) { 'ConnectFailed' }
                elseif ($said -match 'Permission denied|Host key verification failed|Too many authentication failures') { 'AuthenticationFailed' }
                elseif ($said -match 'Could not resolve hostname') { 'HostNotFound' }
                elseif ($said -match 'timed out') { 'TimedOut' }
                else { 'Unreachable' }
        $why = if ($said) { $said } else { $_.Exception.Message }
        Stop-Target $kind "Could not open a PowerShell session to $($Target.Label): $why" $_.Exception
    }
}

# What the target is: its PowerShell, platform, and any installed CaChain.
$probe = {
    $windows = $PSVersionTable.PSEdition -ne 'Core' -or $IsWindows
    $os = if ($windows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    $architecture = try { [Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant() }
                    catch { @{ AMD64 = 'x64'; ARM64 = 'arm64'; x86 = 'x86' }[$env:PROCESSOR_ARCHITECTURE] }
    $installed = Get-Module -ListAvailable -Name CaChain | Sort-Object Version -Descending | Select-Object -First 1
    # The child PowerShell that runs a copied module: this one's own executable.
    $launcher = @('pwsh.exe', 'pwsh', 'powershell.exe') | ForEach-Object { Join-Path $PSHOME $_ } | Where-Object { Test-Path -LiteralPath $_ -PathType Leaf } | Select-Object -First 1
    [pscustomobject]@{
        ComputerName = [Environment]::MachineName
        PSVersion = $PSVersionTable.PSVersion.ToString()
        Edition = "$($PSVersionTable.PSEdition)"
        Platform = "$os-$architecture"
        Installed = if ($installed) { $installed.Version.ToString() } else { '' }
        TempPath = [IO.Path]::GetTempPath()
        Launcher = "$launcher"
    }
}

# A private folder for the copy: /tmp is shared, and a native library is
# loaded from it.
$makeFolder = {
    param([string] $TempPath)
    $folder = Join-Path $TempPath "CaChain-$([Guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory -Path (Join-Path $folder 'CaChain') -ErrorAction Stop
    if ($IsLinux -or $IsMacOS) { chmod 700 $folder }
    $folder
}

$removeFolder = {
    param([string] $Folder)
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction Stop
}

# Runs the cmdlet in the session, from its installed module, between the
# target's own timestamps.
$runInstalled = {
    param([string] $Command, [hashtable] $Parameters, [object[]] $Items)
    Import-Module CaChain -ErrorAction Stop
    $started = [DateTime]::UtcNow
    if ($Items) { $Items | & $Command @Parameters } else { & $Command @Parameters }
    [pscustomobject]@{ PSTypeName = 'CaChain.RemoteTiming'; Started = $started; Finished = [DateTime]::UtcNow }
}

# Runs it in a child PowerShell on the target from the copied module: a
# Windows session host keeps a loaded cachain.dll open, which would keep its
# folder from being removed, and a session that already loaded another
# CaChain cannot load a second. The folder goes, whatever happens.
$runCopied = {
    param([string] $Launcher, [string] $Folder, [string] $Command, [hashtable] $Parameters, [object[]] $Items)
    try {
        & $Launcher -NoProfile -NonInteractive -Command {
            param($Module, $Command, $Parameters, $Items)
            Import-Module $Module -ErrorAction Stop
            $started = [DateTime]::UtcNow
            if ($Items) { $Items | & $Command @Parameters } else { & $Command @Parameters }
            [pscustomobject]@{ PSTypeName = 'CaChain.RemoteTiming'; Started = $started; Finished = [DateTime]::UtcNow }
        } -args (Join-Path $Folder 'CaChain'), $Command, $Parameters, $Items
    } finally {
        Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
        [pscustomobject]@{ PSTypeName = 'CaChain.RemoteCleaned'; Cleaned = -not (Test-Path -LiteralPath $Folder) }
    }
}

# Whether to use the target's module, copy this one, or refuse, and why.
function Select-ModuleSource($Probe) {
    $version = [version] $Probe.PSVersion
    if ($version -lt [version] '5.1') {
        Stop-Target 'PowerShellTooOld' "$($Target.Label) runs PowerShell $($Probe.PSVersion); CaChain needs Windows PowerShell 5.1 or PowerShell 7."
    }
    if ($Probe.Installed -and ($Probe.Installed -eq $Module.Version -or -not $Module.Copy)) {
        if ($Probe.Installed -ne $Module.Version) {
            Write-Warning "[$($Target.Label)] uses its installed CaChain $($Probe.Installed), not this one ($($Module.Version)); -CopyModule would use this one."
        }
        return 'Installed'
    }
    if (-not $Module.Copy) {
        Stop-Target 'NotInstalled' "The CaChain module is not installed on $($Target.Label) ($($Probe.ComputerName)): add -CopyModule to bring this one for the call, or copy the CaChain module folder into one of its PSModulePath folders."
    }
    if ($Module.Platforms -notcontains $Probe.Platform) {
        Stop-Target 'NoNativeLibrary' "CaChain has no native library for $($Probe.Platform), the platform of $($Target.Label) (this module has $($Module.Platforms -join ', '))."
    }
    if (-not $Probe.Launcher) {
        Stop-Target 'NoPowerShellExecutable' "$($Target.Label) has no PowerShell executable in its `$PSHOME ($($Probe.PSVersion)) to run the copied module in."
    }
    'Copied'
}

function Copy-ModuleTo($Session, $Probe) {
    $folder = Invoke-Command -Session $Session -ScriptBlock $makeFolder -ArgumentList $Probe.TempPath -ErrorAction Stop
    try {
        $files = @($Module.Files) + (Join-Path $Module.Folder $Probe.Platform)
        Copy-Item -LiteralPath $files -Destination "$folder/CaChain" -ToSession $Session -Recurse -ErrorAction Stop
    } catch {
        Invoke-Command -Session $Session -ScriptBlock $removeFolder -ArgumentList $folder -ErrorAction SilentlyContinue
        Stop-Target 'CopyFailed' "Could not copy the CaChain module to $($Target.Label): $($_.Exception.Message)" $_.Exception
    }
    $folder
}

# Passes the work's output on, keeping the target's timestamps and the
# cleanup notice for the done record.
function Receive-Work([scriptblock] $Script, [object[]] $Arguments) {
    Invoke-Command -Session $session -ScriptBlock $Script -ArgumentList $Arguments | ForEach-Object {
        $type = $_.PSObject.TypeNames
        if ($type -contains 'Deserialized.CaChain.RemoteTiming' -or $type -contains 'CaChain.RemoteTiming') {
            $done.RemoteStarted = $_.Started; $done.RemoteFinished = $_.Finished
        } elseif ($type -contains 'Deserialized.CaChain.RemoteCleaned' -or $type -contains 'CaChain.RemoteCleaned') {
            $script:cleaned = $_.Cleaned
        } else { $_ }
    }
}

$session = $Target.Session
$opened = $false
$folder = $null
$cleaned = $false
try {
    if (-not $session) { $session = Open-TargetSession; $opened = $true }
    $found = Invoke-Command -Session $session -ScriptBlock $probe -ErrorAction Stop
    $done.ComputerName = $found.ComputerName; $done.Platform = $found.Platform; $done.PSVersion = $found.PSVersion
    $done.ModuleSource = Select-ModuleSource $found
    if ($done.ModuleSource -eq 'Installed') {
        Receive-Work $runInstalled @($Work.Command, $Work.Parameters, $Work.Input)
    } else {
        $folder = Copy-ModuleTo $session $found
        Receive-Work $runCopied @($found.Launcher, $folder, $Work.Command, $Work.Parameters, $Work.Input)
    }
} catch {
    $done.ErrorId = "$($_.FullyQualifiedErrorId)"; $done.Error = $_.Exception.Message
    Write-Error -ErrorRecord $_
} finally {
    if ($folder -and -not $cleaned) {
        # The child's own cleanup did not report back: try once more from here.
        try { Invoke-Command -Session $session -ScriptBlock $removeFolder -ArgumentList $folder -ErrorAction Stop }
        catch { Write-Warning "[$($Target.Label)] the copied module could not be removed: remove $folder on that machine ($($_.Exception.Message))." }
    }
    if ($opened -and $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    $done.Finished = [DateTime]::UtcNow
    [pscustomobject] $done
}
