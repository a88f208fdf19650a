<#
.SYNOPSIS
Places a CA chain on many servers at once through PowerShell remoting.

.DESCRIPTION
The certificates are read here and their bytes are sent to each server; no
file needs to be on the targets, but the CaChain module must be installed
there. PowerShell's own remoting does the fan-out and throttling. Results
carry PSComputerName; a server that fails writes an error and the others go on.

.EXAMPLE
./Push-ToManyServers.ps1 -ComputerName edge1, edge2, edge3 -Path C:\certs

.EXAMPLE
./Push-ToManyServers.ps1 -HostName web1.dmz, web2.dmz -UserName admin -Path ./certs   # PowerShell over SSH
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # WinRM targets.
    [string[]] $ComputerName,
    # SSH targets (PowerShell 7).
    [string[]] $HostName,
    [string] $UserName,
    [string] $Path = './certs',
    [int] $ThrottleLimit = 32
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

$sessions = @()
if ($ComputerName) { $sessions += New-PSSession -ComputerName $ComputerName -ThrottleLimit $ThrottleLimit }
if ($HostName) { $sessions += New-PSSession -HostName $HostName -UserName $UserName }
try {
    Get-ChildItem $Path -File | Import-CaChain -Session $sessions |
        Sort-Object PSComputerName | Format-Table PSComputerName, Action, Location, Subject
} finally {
    $sessions | Remove-PSSession
}
