<#
.SYNOPSIS
Times a fleet fan-out: Import-CaChain -SshHost to 1, 8 and 24 machines, each a
real sshd on 127.0.0.1 with a pwsh subsystem (the fleet of the tests), with
the module installed there and with -CopyModule. Writes a Markdown section.

.DESCRIPTION
Each pass starts a fresh fleet (empty stores), places the lab chain's four
store entries on every machine with the default -ThrottleLimit (32), and
takes the wall-clock time of the Import-CaChain call alone. The best of the
passes is reported, as the other benchmarks do; the per-machine time is the
total over N, and "growth" compares it with one machine.
#>
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $TestSupport,
    [Parameter(Mandatory)] [string] $WorkDirectory,
    [int[]] $Count = @(1, 8, 24),
    [int] $Passes = 2
)
$ErrorActionPreference = 'Stop'
Import-Module $Module
Import-Module $TestSupport
Remove-Item -Recurse -Force $WorkDirectory -ErrorAction SilentlyContinue
$pki = New-TestPki "$WorkDirectory/pki"
$keys = New-SshKeys "$WorkDirectory/keys"
$chain = Get-CaChain "$pki/chain.p7b" | Where-Object Role -ne Leaf
$ssh = @{ UserName = [Environment]::UserName; KeyFilePath = $keys.ClientKey; SshOption = @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null' } }

# Seconds for one Import-CaChain over a fresh fleet of $N machines.
function Measure-FanOut([int] $N, [bool] $Installed, [int] $Pass) {
    $with = if ($Installed) { 0..($N - 1) } else { @() }
    $fleet = Start-SshFleet -Folder "$WorkDirectory/fleet-$N-$Installed-$Pass" -Count $N -Keys $keys -ModuleFolder (Split-Path $Module) -WithModule $with
    try {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $placed = $chain | Import-CaChain -SshHost $fleet.SshHost @ssh -CopyModule:(-not $Installed) -StorePath '~/trust'
        $seconds = $clock.Elapsed.TotalSeconds
        if ($placed.Count -ne 4 * $N) { throw "$N machines: $($placed.Count) placements, not $(4 * $N)" }
        $seconds
    } finally {
        $fleet | Stop-SshFleet
    }
}

$rows = foreach ($installed in $true, $false) {
    $single = $null
    foreach ($n in $Count) {
        $best = (1..$Passes | ForEach-Object { Measure-FanOut $n $installed $_ } | Measure-Object -Minimum).Minimum
        $perMachine = $best / $n
        if ($n -eq 1) { $single = $perMachine }
        $growth = if ($single) { '{0:N2}×' -f ($perMachine / $single) } else { 'n/a' }
        '| {0} | {1} | {2:N1} | {3:N2} | {4} |' -f $(if ($installed) { 'installed' } else { '-CopyModule' }), $n, $best, $perMachine, $growth
    }
}

@"
Import-CaChain -SshHost to N machines (each a real sshd on 127.0.0.1 with a pwsh subsystem and its
own home, so each is a separate machine; all share this machine's $([Environment]::ProcessorCount) cores), 4 store entries
each, -ThrottleLimit 32, best of $Passes passes. *Per machine* is the total over N; *growth* is that
over the same with one machine (below 1: machines overlap).

| Module on the machines | N | Total (s) | Per machine (s) | Growth |
| --- | --- | --- | --- | --- |
$($rows -join "`n")

Each machine costs a PowerShell start there (the SSH subsystem: about 1 CPU-second for this
project's PowerShell 7.6.9, precompiled by scripts/ready-to-run-pwsh.sh, and 1.7 without) and a
runspace of the pool here; with every machine on this one two-core machine the fan-out is bound by
CPU, so the time per machine falls only until the cores are busy. Real fleets spread that cost
over their own CPUs.
"@
