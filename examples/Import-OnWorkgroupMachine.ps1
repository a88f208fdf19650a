<#
.SYNOPSIS
Imports carried-over CA certificates on a machine outside the domain.

.DESCRIPTION
The seed's manual steps in one line: the root goes into Trusted Root
Certification Authorities and Intermediate Certification Authorities, every
other CA into Intermediate Certification Authorities, in the computer
account. Run it elevated on Windows, as root on Linux. It shows what it
would do first; pass -Confirm:$false to skip the question.

.EXAMPLE
./Import-OnWorkgroupMachine.ps1 -Path C:\certs

.EXAMPLE
./Import-OnWorkgroupMachine.ps1 -Path ./certs -StorePath ./staging   # a directory store, for an image or a test
#>
[CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
param(
    [string] $Path = './certs',
    # A directory store instead of the computer's stores.
    [string] $StorePath,
    # Where to keep the results, for Undo-Import.ps1.
    [string] $ResultsPath = './placed.clixml'
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

$target = if ($StorePath) { @{ StorePath = $StorePath } } else { @{ StoreLocation = 'LocalMachine' } }
$certificates = Get-ChildItem $Path -File | Where-Object Extension -in '.cer', '.crt', '.der', '.pem', '.p7b', '.p7c'
$certificates | Import-CaChain @target -WhatIf
if ($PSCmdlet.ShouldProcess($Path, 'Import these certificates')) {
    $placed = $certificates | Import-CaChain @target
    $placed
    # Keep the results: piping them into Remove-CaChain undoes exactly this import.
    $placed | Export-Clixml $ResultsPath
}
