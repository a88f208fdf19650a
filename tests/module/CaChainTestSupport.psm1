# What the module's Pester tests share: a fresh lab PKI, free loopback ports,
# and the real servers the tests start on 127.0.0.1 (openssl s_server, an
# HTTP server for AIA downloads). Nothing here reaches beyond loopback.

function New-TestPki {
    param([Parameter(Mandatory)] [string] $Folder, [string] $AiaBase)
    $arguments = @($Folder)
    if ($AiaBase) { $arguments += '--aia', $AiaBase }
    & $env:CACHAIN_TEST_PKI @arguments
    if ($LASTEXITCODE -ne 0) { throw "cachain-test-pki failed with $LASTEXITCODE" }
    Get-Item $Folder
}

# The openssl program on PATH (openssl.exe under Wine), found by hand: under
# Wine, PowerShell's command discovery does not find openssl.exe in a folder
# that PATH lists.
function Get-OpenSslProgram {
    foreach ($folder in $env:PATH.Split([IO.Path]::PathSeparator)) {
        foreach ($name in 'openssl.exe', 'openssl') {
            if ($folder -and [IO.File]::Exists((Join-Path $folder $name))) { return Join-Path $folder $name }
        }
    }
    throw "no openssl program on PATH ($env:PATH)"
}

function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Wait-Port {
    param([int] $Port, [int] $TimeoutSeconds = 10, [string] $Address = '127.0.0.1')
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        $client = [System.Net.Sockets.TcpClient]::new([System.Net.IPAddress]::Parse($Address).AddressFamily)
        try { $client.Connect($Address, $Port); return } catch { Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    throw "nothing listens on ${Address}:$Port after $TimeoutSeconds s"
}

function Start-TestProcess {
    param([string] $FilePath, [string[]] $ArgumentList, [int] $Port, [string] $Address = '127.0.0.1')
    # An empty standard input: a server that reads its console (s_server does)
    # must see the end of it, not whatever handle this process was given.
    $process = Start-Process -FilePath $FilePath -ArgumentList $ArgumentList -PassThru `
        -RedirectStandardInput ([IO.Path]::GetTempFileName()) `
        -RedirectStandardOutput ([IO.Path]::GetTempFileName()) -RedirectStandardError ([IO.Path]::GetTempFileName())
    Wait-Port $Port -Address $Address
    $process
}

# openssl s_server presenting pool1.schertz.lab, with or without its
# intermediates, on 127.0.0.1 or, with -IPv6, on ::1. With -Www it answers
# HTTP GETs with a status page ("<title>s_server ...") for HTTPS clients.
function Start-TlsServer {
    param([Parameter(Mandatory)] [string] $Pki, [switch] $WithIntermediates, [string] $Name = 'pool1', [switch] $IPv6, [switch] $Www)
    $port = Get-FreePort
    $address = if ($IPv6) { '::1' } else { '127.0.0.1' }
    $accept = if ($IPv6) { "[::1]:$port" } else { "127.0.0.1:$port" }
    $arguments = @('s_server', '-accept', $accept, '-cert', "$Pki/$Name.pem", '-key', "$Pki/$Name.key", '-quiet')
    if ($WithIntermediates) { $arguments += '-cert_chain', "$Pki/intermediates.pem" }
    if ($Www) { $arguments += '-www' }
    [pscustomobject]@{ Port = $port; Process = Start-TestProcess openssl $arguments $port $address }
}

# A TCP listener on 127.0.0.1 that never answers: the system accepts the
# connection, and the TLS handshake then waits for a reply that never comes.
function Start-SilentServer {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    [pscustomobject]@{ Port = $listener.LocalEndpoint.Port; Listener = $listener }
}

# python3's http.server on a folder, as a CA's AIA web server.
function Start-HttpServer {
    param([Parameter(Mandatory)] [string] $Folder, [int] $Port = (Get-FreePort))
    [pscustomobject]@{ Port = $Port; Process = Start-TestProcess python3 @('-m', 'http.server', "$Port", '--bind', '127.0.0.1', '--directory', $Folder) $Port }
}

function Stop-TestServer {
    param([Parameter(ValueFromPipeline)] $Server)
    process {
        if ($Server.Listener) { $Server.Listener.Stop() }
        elseif ($Server -and -not $Server.Process.HasExited) { $Server.Process.Kill(); $Server.Process.WaitForExit() }
    }
}

# A Debian-shaped system root in a temporary folder, trusting one unrelated
# public root, so the real update-ca-certificates runs without touching this
# machine. Returns the folder; its bundle is etc/ssl/certs/ca-certificates.crt.
function New-TestSystemRoot {
    param([Parameter(Mandatory)] [string] $Folder)
    foreach ($sub in 'etc/ssl/certs', 'usr/share/ca-certificates/public', 'usr/local/share/ca-certificates') {
        New-Item -ItemType Directory -Force -Path (Join-Path $Folder $sub) | Out-Null
    }
    # Like any workstation, it trusts a public root, just not the lab's.
    $made = openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/CN=PublicRootCA' -days 30 `
        -keyout /dev/null -out (Join-Path $Folder 'usr/share/ca-certificates/public/PublicRootCA.crt') 2>&1
    if ($LASTEXITCODE -ne 0) { throw "openssl req failed ($LASTEXITCODE) making the test system root's public root: $made" }
    Set-Content -Path (Join-Path $Folder 'etc/ca-certificates.conf') -Value 'public/PublicRootCA.crt'
    $refreshed = update-ca-certificates --certsconf "$Folder/etc/ca-certificates.conf" --certsdir "$Folder/usr/share/ca-certificates" `
        --localcertsdir "$Folder/usr/local/share/ca-certificates" --etccertsdir "$Folder/etc/ssl/certs" --hooksdir "$Folder/hooks" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "update-ca-certificates failed ($LASTEXITCODE) in the test system root ${Folder}: $refreshed" }
    # The setup proves itself: exactly the public root is trusted, or no test may start from it.
    $bundle = Join-Path $Folder 'etc/ssl/certs/ca-certificates.crt'
    $count = if (Test-Path $bundle) { @(Select-String -Path $bundle -SimpleMatch '-----BEGIN CERTIFICATE-----').Count } else { 0 }
    if ($count -ne 1) { throw "the test system root's bundle $bundle holds $count certificate(s), not 1: $refreshed" }
    Get-Item $Folder
}

# A real client: does openssl s_client trust the server with this CA bundle?
function Test-OpenSslClient {
    param([int] $Port, [string] $CAFile)
    $output = '' | openssl s_client -connect "127.0.0.1:$Port" -servername pool1.schertz.lab -CAfile $CAFile -verify_return_error 2>&1
    [pscustomobject]@{ Connected = $LASTEXITCODE -eq 0; Output = ($output -join "`n") }
}

# What a folder of a directory store (Root or CA) holds, sorted: each file's
# name and the thumbprint of the certificate in it. A folder that does not
# exist holds nothing.
function Get-StoreFolderContent {
    param([Parameter(Mandatory)] [string] $Folder)
    if (-not (Test-Path $Folder)) { return }
    Get-ChildItem $Folder -File | Sort-Object Name | ForEach-Object {
        "$($_.Name) $([System.Security.Cryptography.X509Certificates.X509Certificate2]::new($_.FullName).Thumbprint)"
    }
}

# The line Get-StoreFolderContent shows for a certificate file stored first
# under its subject hash: the name openssl itself gives it (<hash>.0).
function Get-StoreEntryName {
    param([Parameter(Mandatory)] [string] $CertificateFile)
    $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($CertificateFile)
    $hash = $certificate.ExportCertificatePem() | openssl x509 -noout -subject_hash
    if ($LASTEXITCODE -ne 0) { throw "openssl x509 -subject_hash failed on $CertificateFile" }
    "$hash.0 $($certificate.Thumbprint)"
}

# A fleet of SSH "machines" on 127.0.0.1 for remoting tests: one real sshd
# per target, each with a pwsh subsystem whose HOME, temp folder and module
# path are the target's own, so a test can tell the targets apart and no
# session writes into this machine's real HOME.

# The keys every target shares: one host key, one client key trusted by the
# targets that accept it.
function New-SshKeys {
    param([Parameter(Mandatory)] [string] $Folder)
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    foreach ($name in 'host_key', 'client_key') {
        $made = ssh-keygen -q -t ed25519 -N '' -C "cachain-test-$name" -f (Join-Path $Folder $name) 2>&1
        if ($LASTEXITCODE -ne 0) { throw "ssh-keygen failed ($LASTEXITCODE) making $Folder/${name}: $made" }
    }
    Copy-Item (Join-Path $Folder 'client_key.pub') (Join-Path $Folder 'authorized_keys')
    # sshd refuses to start without its privilege separation folder.
    New-Item -ItemType Directory -Force -Path /run/sshd | Out-Null
    [pscustomobject]@{
        HostKey = Join-Path $Folder 'host_key'; ClientKey = Join-Path $Folder 'client_key'
        AuthorizedKeys = Join-Path $Folder 'authorized_keys'
    }
}

# What the fleet's sshd runs for the powershell subsystem: pwsh with the
# target's HOME (also its working folder, not the real home sshd starts in),
# temp folder and module path. The XDG folders are named too,
# so pwsh's caches and user module path stay in the target's home whatever
# environment sshd hands on. A slow target sleeps first, like a machine
# whose pwsh takes long to start.
function Get-FleetSubsystem {
    param([string] $HomeFolder, [string] $TmpFolder, [string] $ModulePath, [int] $DelaySeconds)
    $command = "/usr/bin/env -C $HomeFolder HOME=$HomeFolder TMPDIR=$TmpFolder XDG_CONFIG_HOME=$HomeFolder/.config XDG_DATA_HOME=$HomeFolder/.local/share " +
        "XDG_CACHE_HOME=$HomeFolder/.cache PSModulePath=$ModulePath $env:PWSH -sshs -NoLogo -NoProfile"
    if ($DelaySeconds -gt 0) { "/bin/sh -c 'sleep $DelaySeconds; exec $command'" } else { $command }
}

# A read-only file system at <home>/trust, as on a machine whose trust store
# cannot be written. Fails loudly: a test that asked for it must not run
# against a writable folder.
function Mount-ReadOnlyStore {
    param([Parameter(Mandatory)] [string] $Folder)
    New-Item -ItemType Directory -Force -Path $Folder | Out-Null
    $output = mount -t tmpfs -o size=1m tmpfs $Folder 2>&1
    if ($LASTEXITCODE -ne 0) { throw "mount -t tmpfs on $Folder failed ($LASTEXITCODE), so no read-only store (tests must run as root): $output" }
    $output = mount -o remount,ro $Folder 2>&1
    if ($LASTEXITCODE -ne 0) {
        umount -l $Folder 2>&1 | Out-Null
        throw "mount -o remount,ro on $Folder failed ($LASTEXITCODE), so no read-only store: $output"
    }
}

function Test-MountPoint {
    param([Parameter(Mandatory)] [string] $Folder)
    # /proc/mounts writes a space in a path as \040.
    $escaped = $Folder.Replace(' ', '\040')
    [bool](Get-Content /proc/mounts | Where-Object { ($_ -split ' ')[1] -eq $escaped })
}

# One target's sshd configuration, like a real machine's but on its own
# port with its own pid file, keys from the fleet's folder.
function Write-FleetSshdConfig {
    param([string] $Path, [int] $Port, $Keys, [string] $AuthorizedKeys, [string] $PidFile, [string] $Subsystem)
    @(
        "Port $Port", 'ListenAddress 127.0.0.1', "HostKey $($Keys.HostKey)", "AuthorizedKeysFile $AuthorizedKeys",
        'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', 'PermitRootLogin prohibit-password',
        'StrictModes no', 'UsePAM no', "PidFile $PidFile", "Subsystem powershell $Subsystem"
    ) | Set-Content $Path
}

function Get-FleetKind {
    param([int] $Index, [int[]] $RefuseAuth, [int[]] $ClosedPort, [int[]] $ReadOnlyStore)
    $kinds = @(
        if ($Index -in $RefuseAuth) { 'RefuseAuth' }
        if ($Index -in $ClosedPort) { 'ClosedPort' }
        if ($Index -in $ReadOnlyStore) { 'ReadOnlyStore' }
    )
    if ($kinds.Count -gt 1) { throw "target $Index cannot be $($kinds -join ' and ') at once" }
    if ($kinds) { $kinds[0] } else { 'Good' }
}

# One target: its folders, then (unless its port is to stay closed) its sshd.
function Start-FleetTarget {
    param([string] $Folder, [int] $Index, [string] $Kind, $Keys, [string] $ModulePath, [bool] $HasModule, [int] $DelaySeconds)
    $name = 't{0:D2}' -f $Index
    $root = Join-Path $Folder $name
    $targetHome, $tmp, $modules = foreach ($sub in 'home', 'tmp', 'modules') { (New-Item -ItemType Directory -Force -Path (Join-Path $root $sub)).FullName }
    $port = Get-FreePort
    $target = [pscustomobject]@{
        Name = $name; Index = $Index; Port = $port; SshHost = "127.0.0.1:$port"; Home = $targetHome; Tmp = $tmp
        HasModule = $HasModule; Kind = $Kind; Process = $null
    }
    if ($Kind -eq 'ClosedPort') { return $target }
    if ($Kind -eq 'ReadOnlyStore') { Mount-ReadOnlyStore (Join-Path $targetHome 'trust') }
    $authorized = $Keys.AuthorizedKeys
    if ($Kind -eq 'RefuseAuth') {
        # An empty authorized_keys: sshd is up, yet no key gets in.
        $authorized = Join-Path $root 'authorized_keys'
        New-Item -ItemType File -Force -Path $authorized | Out-Null
    }
    $modulePath = if ($HasModule) { $ModulePath } else { $modules }
    $config = Join-Path $root 'sshd_config'
    Write-FleetSshdConfig $config $port $Keys $authorized (Join-Path $root 'sshd.pid') (Get-FleetSubsystem $targetHome $tmp $modulePath $DelaySeconds)
    $target.Process = Start-TestProcess /usr/sbin/sshd @('-D', '-e', '-f', $config) $port
    $target
}

# Count targets t00, t01, ... under Folder, started one after another (each
# waits for its port). Indexes in the switches pick the odd ones out. If one
# fails to start, those already started are stopped before the error goes on.
function Start-SshFleet {
    param(
        [Parameter(Mandatory)] [string] $Folder, [Parameter(Mandatory)] [ValidateRange(1, 100)] [int] $Count,
        [Parameter(Mandatory)] $Keys, [Parameter(Mandatory)] [string] $ModuleFolder,
        [int[]] $WithModule = @(), [int[]] $RefuseAuth = @(), [int[]] $ClosedPort = @(), [int[]] $ReadOnlyStore = @(),
        [hashtable] $SlowStart = @{}
    )
    $indexes = @($WithModule) + $RefuseAuth + $ClosedPort + $ReadOnlyStore + @($SlowStart.Keys)
    $outside = @($indexes | Where-Object { $_ -lt 0 -or $_ -ge $Count })
    if ($outside) { throw "target index(es) $($outside -join ', ') outside 0..$($Count - 1)" }
    $fleet = [System.Collections.Generic.List[object]]::new()
    try {
        foreach ($index in 0..($Count - 1)) {
            $kind = Get-FleetKind $index $RefuseAuth $ClosedPort $ReadOnlyStore
            $delay = if ($SlowStart.ContainsKey($index)) { [int]$SlowStart[$index] } else { 0 }
            $fleet.Add((Start-FleetTarget $Folder $index $kind $Keys $ModuleFolder ($index -in $WithModule) $delay))
        }
    } catch {
        $fleet | Stop-SshFleet
        throw
    }
    $fleet.ToArray()
}

# The process ids of a process and all its descendants, read from /proc:
# an sshd's connections and the pwsh sessions they run are its children.
function Get-ProcessTreeId {
    param([Parameter(Mandatory)] [int] $Id)
    $parents = @{}
    foreach ($stat in Get-ChildItem /proc -Directory -ErrorAction Ignore | Where-Object Name -match '^\d+$') {
        # The process may end while being read; then it has no children either.
        $text = Get-Content -Raw "$($stat.FullName)/stat" -ErrorAction Ignore
        if (-not $text) { continue }
        # The name in parentheses may hold spaces: fields count from after it.
        $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
        $parents[[int]$stat.Name] = [int]$fields[1]
    }
    $tree = [System.Collections.Generic.List[int]]::new()
    $tree.Add($Id)
    for ($i = 0; $i -lt $tree.Count; $i++) {
        foreach ($child in $parents.Keys | Where-Object { $parents[$_] -eq $tree[$i] }) { $tree.Add($child) }
    }
    $tree.ToArray()
}

# Whether a process still runs. One killed, but not yet reaped, counts as
# ended: orphans go to this machine's init, which reaps them only later.
function Test-ProcessRunning {
    param([Parameter(Mandatory)] [int] $Id)
    $text = Get-Content -Raw "/proc/$Id/stat" -ErrorAction Ignore
    $text -and $text.Substring($text.LastIndexOf(')') + 2, 1) -ne 'Z'
}

# Kills each target's sshd with its connections and their pwsh sessions
# (killing the listening sshd alone leaves those running), waits until they
# are gone, and unmounts a read-only store lazily, so the test drive can be
# removed even if something still holds it. Safe to call again.
function Stop-SshFleet {
    param([Parameter(ValueFromPipeline)] $Target)
    process {
        if (-not $Target) { return }
        if ($Target.Process -and -not $Target.Process.HasExited) {
            $tree = Get-ProcessTreeId $Target.Process.Id
            $Target.Process.Kill($true)
            # Bounded: WaitForExit() would also wait for the end of sshd's
            # output, held open by any descendant that escaped the kill.
            $Target.Process.WaitForExit(10000) | Out-Null
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while (($left = @($tree | Where-Object { Test-ProcessRunning $_ })) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            if ($left) { throw "processes $($left -join ', ') of target $($Target.Name) still run 10 s after being killed" }
        }
        $store = Join-Path $Target.Home 'trust'
        if ($Target.Kind -eq 'ReadOnlyStore' -and (Test-MountPoint $store)) {
            $output = umount -l $store 2>&1
            if ($LASTEXITCODE -ne 0) { throw "umount -l $store failed ($LASTEXITCODE): $output" }
        }
    }
}

# The ssh options every fleet connection uses: the fleet's host key is new
# each run, so it is neither checked nor remembered, and ssh's own chatter
# stays out of the tests' output. Cmdlets under test take it as -SshOption.
function Get-SshOption {
    @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
}

# A PowerShell session over SSH to a fleet target (piped in) or a port.
function New-TestSession {
    [CmdletBinding()]
    param([Parameter(Mandatory, ValueFromPipelineByPropertyName)] [int] $Port, [Parameter(Mandatory)] $Keys)
    process {
        New-PSSession -HostName 127.0.0.1 -Port $Port -UserName ([Environment]::UserName) -KeyFilePath $Keys.ClientKey -Options (Get-SshOption)
    }
}

# The most intervals open at one instant, e.g. how many sessions a cmdlet
# really had at once. A sweep over starts (+1) and finishes (-1) in time
# order; at one instant a finish comes before a start, so intervals that
# merely touch do not overlap. An interval of no length still counts at its
# instant: its finish comes after the starts there.
function Get-PeakConcurrency {
    param(
        [Parameter(Mandatory, ValueFromPipeline)] [AllowEmptyCollection()] [object[]] $Interval,
        [string] $StartProperty = 'Start', [string] $FinishProperty = 'Finish'
    )
    begin { $events = [System.Collections.Generic.List[object]]::new() }
    process {
        foreach ($item in $Interval) {
            $start = [DateTime]$item.$StartProperty
            $finish = [DateTime]$item.$FinishProperty
            if ($finish -lt $start) { throw "an interval finishes ($finish) before it starts ($start)" }
            $events.Add([pscustomobject]@{ Time = $start; Order = 1; Step = 1 })
            $events.Add([pscustomobject]@{ Time = $finish; Order = $(if ($finish -eq $start) { 2 } else { 0 }); Step = -1 })
        }
    }
    end {
        $open = 0
        $peak = 0
        foreach ($step in $events | Sort-Object Time, Order) {
            $open += $step.Step
            if ($open -gt $peak) { $peak = $open }
        }
        $peak
    }
}

# The SHA-256 of a file, to show that a call left it as it was.
function Get-Sha256 {
    param([Parameter(Mandatory)] [string] $Path)
    (Get-FileHash $Path -Algorithm SHA256).Hash
}

# The page a real browser loads from the lab server: headless Chromium with
# $UserHome as its home, so $UserHome/.pki/nssdb is its NSS database, and
# pool1.schertz.lab mapped to 127.0.0.1. 'page' when it shows openssl
# s_server's page (-Www), else Chromium's error (net::ERR_...).
function Invoke-HeadlessChromium {
    param([Parameter(Mandatory)] [string] $UserHome, [Parameter(Mandatory)] [int] $Port)
    $browserProfile = Join-Path $UserHome "chromium-$([guid]::NewGuid())"
    $env:HOME, $saved = $UserHome, $env:HOME
    try {
        $page = & chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking `
            --disable-component-update --disable-sync --user-data-dir=$browserProfile `
            --host-resolver-rules="MAP pool1.schertz.lab 127.0.0.1" --dump-dom "https://pool1.schertz.lab:$Port/" 2>"$browserProfile.log"
    } finally { $env:HOME = $saved }
    $failed = Select-String -Path "$browserProfile.log" -Pattern 'Page load failed: (\S+)' | Select-Object -First 1
    if ($failed) { $failed.Matches[0].Groups[1].Value } elseif ($page -match 's_server') { 'page' } else { "nothing: $($page -join ' ')" }
}

# A tiny Java HTTPS client, compiled into $Folder with the JDK's javac, and
# a hosts file there that Java's own name service reads instead of DNS
# (pool1.schertz.lab is 127.0.0.1). Returns the folder, for Invoke-JavaFetch.
function New-JavaFetchClient {
    param([Parameter(Mandatory)] [string] $Folder)
    New-Item -ItemType Directory -Force $Folder | Out-Null
    Set-Content "$Folder/Fetch.java" @'
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;

public class Fetch {
    public static void main(String[] args) throws Exception {
        HttpsURLConnection connection = (HttpsURLConnection) new URL(args[0]).openConnection();
        try {
            System.out.println(connection.getResponseCode());
        } catch (SSLHandshakeException refused) {
            System.out.println("SSLHandshakeException");
        }
    }
}
'@
    $compiled = & javac -d $Folder "$Folder/Fetch.java" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "javac failed with ${LASTEXITCODE}: $compiled" }
    Set-Content "$Folder/hosts" '127.0.0.1 pool1.schertz.lab'
    $Folder
}

# What the Java client gets from the lab server with only $Keystore as its
# trust: "200", or "SSLHandshakeException".
function Invoke-JavaFetch {
    param([Parameter(Mandatory)] [string] $Client, [Parameter(Mandatory)] [int] $Port,
          [Parameter(Mandatory)] [string] $Keystore, [string] $Password = 'changeit')
    (& java "-Djdk.net.hosts.file=$Client/hosts" "-Djavax.net.ssl.trustStore=$Keystore" "-Djavax.net.ssl.trustStorePassword=$Password" `
        -cp $Client Fetch "https://pool1.schertz.lab:$Port/" 2>&1) -join "`n"
}

# Runs $Script after Import-Module CaChain in a PowerShell of its own whose
# environment has these variables (HOME, JAVA_HOME...), and returns its
# output, passed back as JSON in a file: what it writes to the console
# (-WhatIf's lines) is not output. The library reads those variables from
# its own process, never from this session's $env:, which .NET keeps to
# itself outside Windows.
function Invoke-CaChainWithEnvironment {
    param([Parameter(Mandatory)] [hashtable] $Environment, [Parameter(Mandatory)] [string] $Script)
    $output = [System.IO.Path]::GetTempFileName()
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $console = & $env:PWSH -NoProfile -NonInteractive -Command (
            "Import-Module '$env:CACHAIN_MODULE'; & { $Script } | ConvertTo-Json -Depth 2 | Set-Content -LiteralPath '$output'") 2>&1
        if ($LASTEXITCODE -ne 0) { throw "the PowerShell running '$Script' failed with ${LASTEXITCODE}: $($console -join "`n")" }
        Get-Content -Raw $output | ConvertFrom-Json
    } finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        Remove-Item $output -ErrorAction Ignore
    }
}

Export-ModuleMember -Function *
