# What the module's Pester tests on Windows share: the stores as CryptoAPI
# holds them, and Windows' own verdict on the lab server's chain.

# Thumbprints in a system store, read through .NET's X509Store (CryptoAPI
# underneath). Under Wine, a store opened after the same store's certificates
# were read in this process can show the old contents until the earlier
# objects are collected, so they are collected first.
function Get-StoreThumbprint {
    param([Parameter(Mandatory)] [ValidateSet('LocalMachine', 'CurrentUser')] [string] $Location,
          [Parameter(Mandatory)] [ValidateSet('Root', 'CA', 'My')] [string] $Name)
    [GC]::Collect()
    [GC]::WaitForPendingFinalizers()
    # The system store's own name: CryptoAPI calls the intermediates' store "CA".
    $store = [System.Security.Cryptography.X509Certificates.X509Store]::new($Name, $Location)
    $store.Open('ReadOnly')
    try { @($store.Certificates | ForEach-Object Thumbprint) } finally { $store.Close() }
}

# Does Windows trust pool1.schertz.lab when the server sends its
# intermediates? Windows' chain engine answers (CertGetCertificateChain, then
# the SSL policy for the name), in a new process: the engine caches the
# stores per process, so only a fresh one sees them as they are now.
function Test-WindowsTrust {
    param([Parameter(Mandatory)] [string] $Pki, [ValidateSet('LocalMachine', 'CurrentUser')] [string] $Engine = 'LocalMachine')
    $engineSwitch = @(if ($Engine -eq 'LocalMachine') { '-machine' })
    $output = & $env:CACHAIN_WINDOWS_VERDICT @engineSwitch pool1.schertz.lab "$Pki/pool1.cer" "$Pki/issuing.cer" "$Pki/policy.cer"
    if ($LASTEXITCODE -gt 1) { throw "cachain-windows-verdict could not ask: $output" }
    [pscustomobject]@{ Trusted = $LASTEXITCODE -eq 0; Output = ($output -join "`n") }
}

# Removes every lab certificate from both stores of a location, so each test
# starts from a machine that does not trust the lab.
# (Through Remove-CaChain: under Wine, X509Store.Remove never reaches the
# registry, because .NET does not commit the store after a deletion.)
function Clear-LabFromStore {
    param([Parameter(Mandatory)] [string[]] $Thumbprint, [ValidateSet('LocalMachine', 'CurrentUser')] [string] $Location = 'LocalMachine')
    Remove-CaChain -Thumbprint $Thumbprint -StoreLocation $Location -Confirm:$false | Out-Null
}


# Linux's python3 http.server on a folder, as a CA's AIA web server. Wine
# starts a Linux program as a Linux process, but its handle cannot stop it,
# so the shell writes its process id for Stop-LinuxHttpServer. Its output goes
# to files (requests are logged to Log): an inherited output would keep the
# test runner waiting.
function Start-LinuxHttpServer {
    param([Parameter(Mandatory)] [string] $Folder, [int] $Port = (Get-FreePort))
    $port = $Port
    $pidFile = Join-Path $Folder "http-server-$port.pid"
    $log = Join-Path $Folder "http-server-$port.log"
    $unixFolder, $unixPidFile, $unixLog = foreach ($path in $Folder, $pidFile, $log) { & "$env:SystemRoot\system32\winepath.exe" -u $path | Select-Object -First 1 }
    $script = "echo `$`$ > '$unixPidFile'; exec python3 -m http.server $port --bind 127.0.0.1 --directory '$unixFolder' </dev/null >/dev/null 2>'$unixLog'"
    Start-Process -FilePath 'Z:\bin\sh' -ArgumentList '-c', "`"$script`"" | Out-Null
    Wait-Port $port
    [pscustomobject]@{ Port = $port; PidFile = $pidFile; Log = $log }
}

function Stop-LinuxHttpServer {
    param([Parameter(ValueFromPipeline)] $Server)
    process {
        if (-not $Server) { return }
        Start-Process -FilePath 'Z:\bin\kill' -ArgumentList (Get-Content $Server.PidFile) | Out-Null
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ([DateTime]::UtcNow -lt $deadline) {
            $client = [System.Net.Sockets.TcpClient]::new()
            try { $client.Connect('127.0.0.1', $Server.Port) } catch { return } finally { $client.Dispose() }
            Start-Sleep -Milliseconds 100
        }
        throw "the HTTP server on port $($Server.Port) is still running"
    }
}

Export-ModuleMember -Function *
