<#
.SYNOPSIS
Makes a Linux host trust the same internal CA chain.

.DESCRIPTION
On Linux, LocalMachine is the system trust: the root is installed the way the
distribution expects (update-ca-certificates on Debian and Ubuntu,
update-ca-trust on RHEL and Fedora, /etc/pki/trust/anchors on SUSE), so
openssl, curl and most programs trust it. Intermediates never become trust
anchors: they are kept in /usr/local/share/cachain/intermediates. Run as
root. -SystemRoot prepares an image or a chroot instead of this host.

.EXAMPLE
sudo pwsh ./Join-LinuxHost.ps1 -Path ./certs

.EXAMPLE
pwsh ./Join-LinuxHost.ps1 -ComputerName pool1.schertz.lab -Port 5061 -SystemRoot ./rootfs
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # Exported .cer files, carried over.
    [string] $Path,
    # Or read the chain from the server itself.
    [string] $ComputerName,
    [int] $Port = 443,
    [string] $SystemRoot
)
# Already imported (Import-Module <folder>), or found on PSModulePath.
if (-not (Get-Module CaChain)) { Import-Module CaChain -ErrorAction Stop }

$target = if ($SystemRoot) { @{ SystemRoot = $SystemRoot } } else { @{} }
if ($ComputerName) {
    Get-CaChain -ComputerName $ComputerName -Port $Port | Where-Object Role -ne Leaf | Import-CaChain @target
} else {
    Get-ChildItem $Path -File | Import-CaChain @target
}
if ($ComputerName) { Test-CaChain -ComputerName $ComputerName -Port $Port @target }
