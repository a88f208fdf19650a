<#
.SYNOPSIS
Undoes an import: removes exactly what it added, by thumbprint.

.DESCRIPTION
Import-OnWorkgroupMachine.ps1 keeps Import-CaChain's results in
placed.clixml. Piping them into Remove-CaChain removes what that import
added and leaves alone what was already there. Without the file, give the
thumbprints (Get-CaChain shows them).

.EXAMPLE
./Undo-Import.ps1 -ResultsPath ./placed.clixml

.EXAMPLE
./Undo-Import.ps1 -Thumbprint 2D1AEBE0214F1E8E1A824231288E264F599060BB -WhatIf
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ResultsPath,
    [string[]] $Thumbprint
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

if ($ResultsPath) {
    Import-Clixml $ResultsPath | Remove-CaChain
} else {
    Remove-CaChain -Thumbprint $Thumbprint
}
