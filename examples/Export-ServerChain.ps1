<#
.SYNOPSIS
Exports the CA chain of a server's own certificate, on the server itself.

.DESCRIPTION
Run this on the server whose certificate clients do not trust (pool1 in the
seed). On Windows it reads the certificate from the computer's Personal store
(LocalMachine\My); anywhere else, give the certificate file. It writes the
root and every subordinate CA as DER .cer files, the format the MMC Export
Wizard calls "DER encoded binary X.509", ready to carry to other machines.
The private key is never read or written.

.EXAMPLE
./Export-ServerChain.ps1 -Subject '*pool1.schertz.lab*' -Destination C:\certs

.EXAMPLE
./Export-ServerChain.ps1 -CertificatePath /etc/ssl/certs/pool1.pem -IssuerPath /etc/ssl/chain.pem -Destination ./certs
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Windows: which certificate of LocalMachine\My, by subject (wildcards allowed).
    [string] $Subject = '*pool1.schertz.lab*',
    # Elsewhere, or to skip the store: the certificate file (DER, PEM, .p7b, .pfx).
    [string] $CertificatePath,
    # Where the issuers are when the file holds only the leaf; AIA URLs are used otherwise.
    [string[]] $IssuerPath,
    [string] $Destination = './certs'
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

$chain = if ($CertificatePath) {
    Get-CaChain -Path $CertificatePath -IssuerPath $IssuerPath
} else {
    # The server's certificate, as the seed opens it in the Certificates snap-in.
    Get-ChildItem Cert:\LocalMachine\My | Where-Object Subject -like $Subject | Get-CaChain -IssuerPath $IssuerPath
}
$chain | Format-Table            # the Certification Path tab, as a table
$chain | Export-CaChain -Destination $Destination
