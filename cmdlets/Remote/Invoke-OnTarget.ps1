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
    Cleaned = $false
}

# Fails this target with an error of the given kind; RemoteErrors rewraps it
# as "<cmdlet>.<kind>" with the target's label.
function Stop-Target([string] $Kind, [string] $Message, [Exception] $Inner) {
    $exception = if ($Inner) { [InvalidOperationException]::new($Message, $Inner) } else { [InvalidOperationException]::new($Message) }
    throw [Management.Automation.ErrorRecord]::new($exception, "CaChainRemote.$Kind", 'NotSpecified', $Target.Label)
}

# Whether ssh gets in, asked of ssh itself before New-PSSession: $null when
# it does, else what ssh says (refused, unknown host, key not accepted).
# New-PSSession would say only that "the SSH transport process has abruptly
# terminated", and PowerShell 7.6 can even end its own process with an
# unhandled "Broken pipe" when ssh dies at once. The check asks for a
# subsystem no server has, so that nothing runs there: "subsystem request
# failed" means connected and logged in.
function Test-SshLogin([hashtable] $Connect) {
    $arguments = @('-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-o', 'ConnectTimeout=15')
    foreach ($option in $Connect.Options.GetEnumerator()) {
        if ($option.Key -ne 'LogLevel') { $arguments += '-o', "$($option.Key)=$($option.Value)" }
    }
    if ($Connect.KeyFilePath) { $arguments += '-i', $Connect.KeyFilePath }
    if ($Connect.UserName) { $arguments += '-l', $Connect.UserName }
    if ($Connect.Port) { $arguments += '-p', $Connect.Port }
    # -n -T: nothing read from this console; "--": the host is never an option.
    $said = (& ssh @arguments -n -T -s -- $Connect.HostName cachain-connection-check 2>&1 | Out-String).Trim()
    if ($LASTEXITCODE -eq 0 -or $said -match 'subsystem request failed') { return $null }
    if ($said) { $said } else { "ssh exited with $LASTEXITCODE" }
}

function Open-TargetSession {
    $connect = $Target.Connect
    if ($Target.Transport -eq 'SSH') {
        $said = Test-SshLogin $connect
        if ($said) {
            $kind = if ($said -match 'Permission denied|Host key verification failed|Too many authentication failures') { 'AuthenticationFailed' }
                    elseif ($said -match 'Could not resolve hostname') { 'HostNotFound' }
                    elseif ($said -match 'timed out') { 'TimedOut' }
                    else { 'Unreachable' }
            Stop-Target $kind "Could not open a PowerShell session to $($Target.Label): $said"
        }
    }
    try {
        New-PSSession @connect -ErrorAction Stop
    } catch {
        Stop-Target 'ConnectFailed' "Could not open a PowerShell session to $($Target.Label): $($_.Exception.Message)" $_.Exception
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

# Writes the module into a private folder (/tmp is shared, and a native
# library is loaded from it) in one call: the files travel as the call's
# arguments, which is many times faster than Copy-Item -ToSession's round
# trips per file.
$writeModule = {
    param([string] $TempPath, [hashtable] $Files)
    $folder = Join-Path $TempPath "CaChain-$([Guid]::NewGuid().ToString('N'))"
    $module = Join-Path $folder 'CaChain'
    if ($IsLinux -or $IsMacOS) {
        # Made 0700 in one step: no moment in which another user could enter.
        mkdir -m 700 -- $folder
        if ($LASTEXITCODE -ne 0) { throw "mkdir -m 700 $folder failed ($LASTEXITCODE)" }
    }
    $null = New-Item -ItemType Directory -Path $module -ErrorAction Stop
    try {
        foreach ($file in $Files.GetEnumerator()) {
            $path = Join-Path $module $file.Key
            $null = New-Item -ItemType Directory -Force -Path (Split-Path $path) -ErrorAction Stop
            [IO.File]::WriteAllBytes($path, [byte[]] $file.Value)
        }
    } catch {
        Remove-Item -LiteralPath $folder -Recurse -Force -ErrorAction SilentlyContinue
        throw
    }
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

# Runs the cmdlet from the copied module, then removes the folder whatever
# happens. In a child PowerShell when the session is the caller's or the
# target is Windows: a Windows process keeps a loaded cachain.dll open, which
# would keep its folder from being removed, and a session that already
# loaded another CaChain cannot load a second. A session of our own on Linux
# or macOS imports it itself: a loaded library can be deleted there, the
# session closes right after, and one PowerShell start per machine is saved.
$runCopied = {
    param([string] $Launcher, [string] $Folder, [bool] $InChild, [string] $Command, [hashtable] $Parameters, [object[]] $Items)
    $work = {
        param($Module, $Command, $Parameters, $Items)
        Import-Module $Module -ErrorAction Stop
        $started = [DateTime]::UtcNow
        if ($Items) { $Items | & $Command @Parameters } else { & $Command @Parameters }
        [pscustomobject]@{ PSTypeName = 'CaChain.RemoteTiming'; Started = $started; Finished = [DateTime]::UtcNow }
    }
    # The child gets the work through a file in the private folder, not its
    # command line: Windows caps that at 32,767 characters, a few certificates.
    $inFile = {
        param([string] $File)
        $work = Import-Clixml -LiteralPath $File
        $parameters = $work.Parameters
        Import-Module $work.Module -ErrorAction Stop
        $started = [DateTime]::UtcNow
        if ($work.Items) { $work.Items | & $work.Command @parameters } else { & $work.Command @parameters }
        [pscustomobject]@{ PSTypeName = 'CaChain.RemoteTiming'; Started = $started; Finished = [DateTime]::UtcNow }
    }
    $module = Join-Path $Folder 'CaChain'
    try {
        if ($InChild) {
            $file = Join-Path $Folder 'work.clixml'
            @{ Module = $module; Command = $Command; Parameters = $Parameters; Items = $Items } | Export-Clixml -LiteralPath $file
            & $Launcher -NoProfile -NonInteractive -Command $inFile -args $file
        } else { & $work $module $Command $Parameters $Items }
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
            Write-Warning "uses its installed CaChain $($Probe.Installed), not this one ($($Module.Version)); -CopyModule would use this one."
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

# This module's files for one platform, by their path inside the module folder.
function Get-ModuleFile([string] $Platform) {
    $files = @{}
    foreach ($item in @($Module.Files) + (Join-Path $Module.Folder $Platform)) {
        $base = Split-Path $item
        foreach ($file in Get-ChildItem -LiteralPath $item -File -Recurse) {
            $files[$file.FullName.Substring($base.Length + 1).Replace('\', '/')] = [IO.File]::ReadAllBytes($file.FullName)
        }
    }
    $files
}

function Copy-ModuleTo($Session, $Probe) {
    try {
        Invoke-Command -Session $Session -ScriptBlock $writeModule -ArgumentList $Probe.TempPath, (Get-ModuleFile $Probe.Platform) -ErrorAction Stop
    } catch {
        Stop-Target 'CopyFailed' "Could not copy the CaChain module to $($Target.Label): $($_.Exception.Message)" $_.Exception
    }
}

# Passes the work's output on, keeping the target's timestamps and the
# cleanup notice for the done record.
function Receive-Work([scriptblock] $Script, [object[]] $Arguments) {
    Invoke-Command -Session $session -ScriptBlock $Script -ArgumentList $Arguments | ForEach-Object {
        $type = $_.PSObject.TypeNames
        if ($type -contains 'Deserialized.CaChain.RemoteTiming' -or $type -contains 'CaChain.RemoteTiming') {
            $done.RemoteStarted = $_.Started; $done.RemoteFinished = $_.Finished
        } elseif ($type -contains 'Deserialized.CaChain.RemoteCleaned' -or $type -contains 'CaChain.RemoteCleaned') {
            $done.Cleaned = $_.Cleaned
        } else { $_ }
    }
}

$session = $Target.Session
$opened = $false
$folder = $null
try {
    if (-not $session) { $session = Open-TargetSession; $opened = $true }
    $found = Invoke-Command -Session $session -ScriptBlock $probe -ErrorAction Stop
    $done.ComputerName = $found.ComputerName; $done.Platform = $found.Platform; $done.PSVersion = $found.PSVersion
    $done.ModuleSource = Select-ModuleSource $found
    if ($done.ModuleSource -eq 'Installed') {
        Receive-Work $runInstalled @($Work.Command, $Work.Parameters, $Work.Input)
    } else {
        $folder = Copy-ModuleTo $session $found
        $inChild = -not $opened -or $found.Platform -like 'win-*'
        Receive-Work $runCopied @($found.Launcher, $folder, $inChild, $Work.Command, $Work.Parameters, $Work.Input)
    }
} catch {
    $done.ErrorId = "$($_.FullyQualifiedErrorId)"; $done.Error = $_.Exception.Message
    Write-Error -ErrorRecord $_
} finally {
    if ($folder -and -not $done.Cleaned) {
        # The child's own cleanup did not report back: try once more from here.
        try { Invoke-Command -Session $session -ScriptBlock $removeFolder -ArgumentList $folder -ErrorAction Stop }
        catch { Write-Warning "the copied module could not be removed: remove $folder on that machine ($($_.Exception.Message))." }
    }
    if ($opened -and $session) { Remove-PSSession -Session $session -ErrorAction SilentlyContinue }
    $done.Finished = [DateTime]::UtcNow
    [pscustomobject] $done
}
