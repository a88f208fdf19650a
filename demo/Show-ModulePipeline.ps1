<#
.SYNOPSIS
The demo's last act: the README's three commands, in real PowerShell, against
the demo's pool1.schertz.lab server on 127.0.0.1.

.DESCRIPTION
Runs after cachain-demo, in its folder: starts openssl s_server with the
demo's server certificate (sending its whole chain, as some servers do), then
shows Get-CaChain | Export-CaChain, Import-CaChain -WhatIf against this
machine's own trust (nothing changes), Test-CaChain against this machine, and
Test-CaChain against the demo's workstation, which the native demo fixed.
#>
param(
    [Parameter(Mandatory)] [string] $DemoFolder,
    [Parameter(Mandatory)] [string] $Module
)
$ErrorActionPreference = 'Stop'
Import-Module $Module

function Show([string] $Command) {
    Write-Host "`nPS> $Command" -ForegroundColor Cyan
    Invoke-Expression $Command | Out-Host
}

$server = "$DemoFolder/server"
$chainFile = "$server/presented-chain.pem"
$rootPem = openssl x509 -inform der -in "$DemoFolder/domain-member-cas/root.cer"
Set-Content $chainFile -Value ((Get-Content "$server/intermediates.pem") + $rootPem)

$listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
$listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
$process = Start-Process openssl -PassThru -RedirectStandardOutput "$server/s_server.log" -RedirectStandardError "$server/s_server.err" `
    -ArgumentList 's_server', '-accept', "127.0.0.1:$port", '-cert', "$server/pool1.pem", '-key', "$server/pool1.key", '-cert_chain', $chainFile, '-quiet'
try {
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); break } catch { if ([DateTime]::UtcNow -gt $deadline) { throw } ; Start-Sleep -Milliseconds 100 } finally { $client.Dispose() }
    }
    Write-Host "`n7. The same story from PowerShell, with the CaChain module ($Module)." -ForegroundColor Green
    $global:DemoFolder = $DemoFolder
    Show "Get-CaChain -ComputerName 127.0.0.1 -Port $port"
    Show "Get-CaChain -ComputerName 127.0.0.1 -Port $port | Export-CaChain -Destination `$DemoFolder/module-certs"
    Show "Get-ChildItem `$DemoFolder/module-certs | Import-CaChain -WhatIf"
    Show "Test-CaChain -ComputerName 127.0.0.1 -Port $port -DnsName pool1.schertz.lab -Offline | Format-List Trusted, Reason, Fix, TlsError, TlsErrorName, ChainError, ChainErrorName"
    Show "Resolve-CaChainError 0x80090325 | Format-List Name, Description, Fix"
    Show "Test-CaChain -ComputerName 127.0.0.1 -Port $port -DnsName pool1.schertz.lab -Offline -SystemRoot `$DemoFolder/workstation | Format-List Trusted, Reason"
} finally {
    $process.Kill()
}
