<#
.SYNOPSIS
Checks whether this machine trusts a server, explains why not, and fixes it.

.DESCRIPTION
Test-CaChain names the first broken link (for example: the root
'SchertzLabRootCA' is not in LocalMachine\Root) with the codes users see
(0x80090325 SEC_E_UNTRUSTED_ROOT) and the fix. With -Fix, this script then
imports the chain from -CertificatePath, a share or folder of exported .cer
files, and tests again.

.EXAMPLE
./Test-AndFix.ps1 -ComputerName pool1.schertz.lab -Port 5061 -CertificatePath \\fileserver\certs -Fix
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $ComputerName = 'pool1.schertz.lab',
    [int] $Port = 5061,
    [string] $CertificatePath = './certs',
    [switch] $Fix,
    # A directory store or a Linux system root to test instead of this machine's stores.
    [string] $StorePath,
    [string] $SystemRoot,
    # The name the clients use, when it is not -ComputerName (an address, an alias).
    [string] $DnsName
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

$stores = @{}
if ($StorePath) { $stores.StorePath = $StorePath }
if ($SystemRoot) { $stores.SystemRoot = $SystemRoot }
$name = @{}
if ($DnsName) { $name.DnsName = $DnsName }

$result = Test-CaChain -ComputerName $ComputerName -Port $Port @name @stores
$result
if (-not $result.Trusted) {
    if ($result.TlsError) { Resolve-CaChainError $result.TlsError }
    if ($Fix) {
        Get-ChildItem $CertificatePath -File -Include *.cer, *.crt, *.pem, *.p7b -Recurse | Import-CaChain @stores
        Test-CaChain -ComputerName $ComputerName -Port $Port @name @stores
    }
}
