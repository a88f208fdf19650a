<#
.SYNOPSIS
Exports the CA chain straight from a TLS endpoint, from any machine that can reach it.

.DESCRIPTION
Connects to the server, takes the chain it presents without trusting it,
fetches any issuer it does not send from the certificates' AIA URLs, and
writes the root and every subordinate CA as .cer files. Lync and Skype for
Business pools listen on 5061; LDAPS on 636; web servers on 443.

.EXAMPLE
./Export-EndpointChain.ps1 -ComputerName pool1.schertz.lab -Port 5061 -Destination C:\certs
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ComputerName = 'pool1.schertz.lab',
    [int] $Port = 5061,
    [string] $Destination = './certs',
    # Never download missing issuers: the server's chain and -IssuerPath only.
    [switch] $Offline,
    [string[]] $IssuerPath
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

Get-CaChain -ComputerName $ComputerName -Port $Port -Offline:$Offline -IssuerPath $IssuerPath |
    Export-CaChain -Destination $Destination
