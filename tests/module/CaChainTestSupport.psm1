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
# intermediates, on 127.0.0.1 or, with -IPv6, on ::1.
function Start-TlsServer {
    param([Parameter(Mandatory)] [string] $Pki, [switch] $WithIntermediates, [string] $Name = 'pool1', [switch] $IPv6)
    $port = Get-FreePort
    $address = if ($IPv6) { '::1' } else { '127.0.0.1' }
    $accept = if ($IPv6) { "[::1]:$port" } else { "127.0.0.1:$port" }
    $arguments = @('s_server', '-accept', $accept, '-cert', "$Pki/$Name.pem", '-key', "$Pki/$Name.key", '-quiet')
    if ($WithIntermediates) { $arguments += '-cert_chain', "$Pki/intermediates.pem" }
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

Export-ModuleMember -Function *
