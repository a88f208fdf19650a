<#
.SYNOPSIS
Places a CA chain on many servers at once through PowerShell remoting.

.DESCRIPTION
The certificates are read here and their bytes are sent to each server, where
its own Import-CaChain places them, each server in its own all-or-nothing
transaction, -ThrottleLimit servers at once. No file needs to be on the
targets, and with -CopyModule neither does CaChain: it is copied there for the
call and removed afterwards. A server that cannot be reached, refuses the
login or cannot write its store writes an error naming it, and the others go
on. Returns the placements, which undo it all when piped back with the same
target parameters: $placed | Remove-CaChain -SshHost <the same names>.

.EXAMPLE
$placed = ./Push-ToManyServers.ps1 -TargetComputer edge1, edge2, edge3 -Path C:\certs -CopyModule

.EXAMPLE
$placed = ./Push-ToManyServers.ps1 -SshHost admin@web1.dmz, admin@web2.dmz:2222 -KeyFilePath ~/.ssh/id_ed25519 -Path ./certs   # PowerShell over SSH
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # WinRM targets.
    [string[]] $TargetComputer,
    # SSH targets (PowerShell 7), [user@]host[:port].
    [string[]] $SshHost,
    [string] $KeyFilePath,
    [string] $Path = './certs',
    [int] $ThrottleLimit = 32,
    [switch] $CopyModule
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

if (-not ($TargetComputer -or $SshHost)) { throw "Name the servers with -TargetComputer (WinRM) or -SshHost (SSH)." }
$targets = @{ ThrottleLimit = $ThrottleLimit; CopyModule = $CopyModule }
if ($TargetComputer) { $targets.TargetComputer = $TargetComputer }
if ($SshHost) { $targets.SshHost = $SshHost; if ($KeyFilePath) { $targets.KeyFilePath = $KeyFilePath } }
$placed = Get-ChildItem $Path -File | Import-CaChain @targets -WhatIf:$WhatIfPreference
$placed | Group-Object CaChainTarget | ForEach-Object {
    Write-Host ("{0}: {1}" -f $_.Name, (($_.Group | Group-Object Action | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '))
}
$placed
