<#
.SYNOPSIS
The fleet demo: 24 "servers" made to trust the lab chain in one pipeline,
a report of which ones do not and why, and the undo of it all.

.DESCRIPTION
Each server is a real sshd on 127.0.0.1 with PowerShell's SSH remoting
subsystem, and its own home, temporary folder and module path, so each is a
separate machine with its own directory store (~/trust). Half of them have
CaChain installed; the others get it for the call with -CopyModule. Three
are broken on purpose, as in any real fleet: t21 refuses the key, t22 is
down, and t23's store is on a read-only file system. Nothing on this machine
changes; everything is under the demo folder, and the servers stop at the end.
#>
param(
    [Parameter(Mandatory)] [string] $DemoFolder,
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $TestSupport
)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Import-Module $TestSupport

# Prints a command and runs it. Called dot-sourced (". Show"), it runs in
# the script's own scope, so what one command assigns is there for the next.
function Show([string] $Command) {
    Write-Host "`nPS> $Command" -ForegroundColor Cyan
    Invoke-Expression $Command | Out-Host
}

Remove-Item -Recurse -Force $DemoFolder -ErrorAction SilentlyContinue
New-Item -ItemType Directory $DemoFolder | Out-Null
Write-Host "1. The lab PKI, its pool1.schertz.lab server, and 24 servers over SSH (t21 refuses the key, t22 is down, t23's store is read-only)." -ForegroundColor Green
$pki = New-TestPki "$DemoFolder/pki"
$keys = New-SshKeys "$DemoFolder/keys"
$fleet = Start-SshFleet -Folder "$DemoFolder/servers" -Count 24 -Keys $keys -ModuleFolder (Split-Path $Module) `
    -WithModule (0..11) -RefuseAuth 21 -ClosedPort 22 -ReadOnlyStore 23
$tls = Start-TlsServer -Pki $pki -WithIntermediates
try {
    # The names, the key and the ssh options the commands below use.
    $servers = $fleet.SshHost
    $ssh = @{ UserName = [Environment]::UserName; KeyFilePath = $keys.ClientKey; SshOption = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' } }
    $pki = "$pki"
    Write-Host "`n`$servers = $($servers[0]), $($servers[1]), ... $($servers[-1]) (24 names)" -ForegroundColor DarkGray

    Write-Host "`n2. Place the chain on all 24 at once: one transaction per server, one line per server." -ForegroundColor Green
    . Show '$placed = Get-CaChain $pki/chain.p7b | Where-Object Role -ne Leaf | Import-CaChain -SshHost $servers @ssh -CopyModule -StorePath ~/trust -ErrorAction SilentlyContinue -ErrorVariable failed'
    . Show '$placed | Group-Object CaChainTarget | Select-Object @{ n = ''Server''; e = { $_.Name } }, @{ n = ''Added''; e = { $_.Count } } | Format-Table -AutoSize'
    . Show '$failed | Select-Object TargetObject, @{ n = ''Error''; e = { $_.FullyQualifiedErrorId -replace '',.*'' } }, @{ n = ''Why''; e = { $_.Exception.Message } } | Format-List'

    Write-Host "`n3. Which servers do not trust pool1.schertz.lab, and why: the fleet report, saved as CSV for the change ticket." -ForegroundColor Green
    . Show "`$report = Test-CaChain -SshHost `$servers @ssh -CopyModule -ComputerName 127.0.0.1 -Port $($tls.Port) -DnsName pool1.schertz.lab -StorePath ~/trust -Offline -Summary -ErrorAction SilentlyContinue"
    . Show '$report | Where-Object { -not $_.Trusted } | Format-List Target, Status, Cause, Reason, Missing, Error'
    . Show "`$report | Export-Csv $DemoFolder/fleet-report.csv; `"`$(@(`$report | Where-Object Trusted).Count) of 24 trust it; report: $DemoFolder/fleet-report.csv`""

    Write-Host "`n4. Undo it all: each server removes exactly what was placed on it." -ForegroundColor Green
    . Show '$removed = $placed | Remove-CaChain -SshHost $servers @ssh -CopyModule; "$($removed.Count) certificates removed from $(@($removed.CaChainTarget | Sort-Object -Unique).Count) servers"'
    . Show "`$after = Test-CaChain -SshHost `$servers @ssh -CopyModule -ComputerName 127.0.0.1 -Port $($tls.Port) -DnsName pool1.schertz.lab -StorePath ~/trust -Offline -Summary -ErrorAction SilentlyContinue; `"`$(@(`$after | Where-Object Trusted).Count) of 24 trust it after the undo`""
} finally {
    $tls | Stop-TestServer
    $fleet | Stop-SshFleet
}
