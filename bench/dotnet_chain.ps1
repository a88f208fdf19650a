# .NET's X509Chain over the benchmark PKI, for bench/RESULTS.md: the pool in
# ChainPolicy.ExtraStore, the roots as the only trust (CustomRootTrust), no
# revocation and no downloads, so no system store or network takes part.
# One X509Chain serves every leaf, as our engine's pool is loaded once.
#
#   pwsh -NoProfile -File bench/dotnet_chain.ps1 -DataDirectory <dir> [-Sample 1000]
# Prints "<microseconds per chain> <chains built> <sample>".
using namespace System.Security.Cryptography.X509Certificates

param(
    [Parameter(Mandatory)] [string] $DataDirectory,
    [int] $Sample = 1000
)
$ErrorActionPreference = 'Stop'

function Read-PemBundle([string] $Name) {
    $collection = [X509Certificate2Collection]::new()
    $collection.ImportFromPemFile((Join-Path $DataDirectory $Name))
    return , $collection
}

$roots = Read-PemBundle 'roots.pem'
$pool = Read-PemBundle 'pool.pem'
$leaves = Read-PemBundle 'leaves.pem'
$count = [Math]::Min($Sample, $leaves.Count)

$chain = [X509Chain]::new()
$chain.ChainPolicy.RevocationMode = [X509RevocationMode]::NoCheck
$chain.ChainPolicy.TrustMode = [X509ChainTrustMode]::CustomRootTrust
$chain.ChainPolicy.DisableCertificateDownloads = $true
$chain.ChainPolicy.CustomTrustStore.AddRange($roots)
$chain.ChainPolicy.ExtraStore.AddRange($pool)

# Warm up: JIT, the first OpenSSL store, PowerShell's loop compilation.
for ($i = 0; $i -lt 20; $i++) { [void] $chain.Build($leaves[$i]); $chain.Reset() }

$built = 0
$watch = [Diagnostics.Stopwatch]::StartNew()
for ($i = 0; $i -lt $count; $i++) {
    if ($chain.Build($leaves[$i])) { $built++ }
    $chain.Reset()
}
$watch.Stop()
'{0:F1} {1} {2}' -f ($watch.Elapsed.TotalMilliseconds * 1000 / $count), $built, $count
