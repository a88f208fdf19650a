# The test support's own checks: the SSH fleet the remoting tests stand on
# (real sshd, real pwsh sessions on 127.0.0.1), and the peak-concurrency
# count they judge a cmdlet's fan-out by.
BeforeAll {
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $keys = New-SshKeys "$TestDrive/ssh"

    # The fleet's processes that still run, found without the support
    # module's own process tree: a listener names its config under the fleet
    # folder, a session's pwsh has its HOME there. Zombies run nothing.
    function Get-LiveFleetProcess([string] $Folder) {
        foreach ($proc in Get-ChildItem /proc -Directory | Where-Object Name -match '^\d+$') {
            $stat = Get-Content -Raw "$($proc.FullName)/stat" -ErrorAction Ignore
            if (-not $stat -or $stat.Substring($stat.LastIndexOf(')') + 2, 1) -eq 'Z') { continue }
            $command = (Get-Content -Raw "$($proc.FullName)/cmdline" -ErrorAction Ignore) -replace "`0", ' '
            $environment = (Get-Content -Raw "$($proc.FullName)/environ" -ErrorAction Ignore) -split "`0"
            $sessionHome = $environment | Where-Object { $_ -like "HOME=$Folder/*" } | ForEach-Object { $_.Substring(5) }
            if ($command -like "*$Folder/*" -or $sessionHome) { [pscustomobject]@{ Id = [int]$proc.Name; Command = $command.Trim(); Home = $sessionHome } }
        }
    }
    function Get-MountedUnder([string] $Folder) {
        Get-Content /proc/mounts | Where-Object { ($_ -split ' ')[1] -like "$Folder/*" }
    }
}

Describe 'New-SshKeys' {
    It 'makes ed25519 host and client keys, the client key authorized' {
        foreach ($key in $keys.HostKey, $keys.ClientKey) { ssh-keygen -l -f $key | Should -Match '\(ED25519\)$' }
        Get-Content $keys.AuthorizedKeys | Should -BeExactly (Get-Content "$($keys.ClientKey).pub")
        Test-Path /run/sshd -PathType Container | Should -BeTrue
    }
}

Describe 'Start-SshFleet' {
    BeforeAll {
        $folder = "$TestDrive/fleet"
        $fleet = Start-SshFleet -Folder $folder -Count 5 -Keys $keys -ModuleFolder (Split-Path $env:CACHAIN_MODULE) `
            -WithModule 0 -RefuseAuth 1 -ClosedPort 2 -ReadOnlyStore 3 -SlowStart @{ 4 = 2 }
        $session = $fleet[0] | New-TestSession -Keys $keys
    }
    AfterAll {
        Get-PSSession | Remove-PSSession
        $fleet | Stop-SshFleet
    }

    It 'describes each target, each on its own port' {
        $fleet | ForEach-Object { "$($_.Name) $($_.Index) $($_.Kind) $($_.HasModule) $($_.Home) $($_.Tmp) $($null -eq $_.Process)" } | Should -BeExactly @(
            "t00 0 Good True $folder/t00/home $folder/t00/tmp False"
            "t01 1 RefuseAuth False $folder/t01/home $folder/t01/tmp False"
            "t02 2 ClosedPort False $folder/t02/home $folder/t02/tmp True"
            "t03 3 ReadOnlyStore False $folder/t03/home $folder/t03/tmp False"
            "t04 4 Good False $folder/t04/home $folder/t04/tmp False"
        )
        $fleet | ForEach-Object { $_.SshHost | Should -BeExactly "127.0.0.1:$($_.Port)" }
        @($fleet.Port | Select-Object -Unique).Count | Should -Be 5
    }

    It "gives a session the target's own temp folder, home and working folder" {
        $seen = Invoke-Command -Session $session { [IO.Path]::GetTempPath(), $HOME, (Resolve-Path ~).Path, $PWD.Path }
        $seen | Should -BeExactly @("$($fleet[0].Tmp)/", $fleet[0].Home, $fleet[0].Home, $fleet[0].Home)
    }

    It 'puts the module on the PSModulePath of the targets in -WithModule only, and gives a ReadOnlyStore target a trust folder nothing can write' {
        Invoke-Command -Session $session { @(Get-Module -ListAvailable CaChain).Count } | Should -Be 1
        $store = $fleet[3] | New-TestSession -Keys $keys
        Invoke-Command -Session $store { @(Get-Module -ListAvailable CaChain).Count } | Should -Be 0
        Invoke-Command -Session $store { Set-Content ~/written 'yes'; Get-Content ~/written } | Should -BeExactly 'yes'
        Invoke-Command -Session $store { Set-Content ~/trust/written 'no' } -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'GetContentWriterIOError,Microsoft.PowerShell.Commands.SetContentCommand'
        $problems[0].Exception.Message | Should -BeExactly "Read-only file system : '$($fleet[3].Home)/trust/written'"
        Test-Path "$($fleet[3].Home)/trust/written" | Should -BeFalse
    }

    # Asked of ssh itself, not New-PSSession: PowerShell 7.6 can end its own
    # process with an unhandled "Broken pipe" when ssh dies at once.
    It 'refuses the client key on a RefuseAuth target, whose sshd still listens, and has nothing listening on a ClosedPort target' {
        $ask = { param($port) ssh -o BatchMode=yes -o LogLevel=ERROR -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -i $keys.ClientKey -p $port -s 127.0.0.1 none 2>&1 }
        "$(& $ask $fleet[1].Port)" | Should -BeExactly "$([Environment]::UserName)@127.0.0.1: Permission denied (publickey)."
        "$(& $ask $fleet[2].Port)" | Should -BeExactly "ssh: connect to host 127.0.0.1 port $($fleet[2].Port): Connection refused"
        "$(& $ask $fleet[0].Port)" | Should -BeExactly 'subsystem request failed on channel 0'
    }
}

Describe 'Stop-SshFleet' {
    It 'ends every sshd, connection and session of the fleet, unmounts its read-only store, and may be called again' {
        $folder = "$TestDrive/stopped"
        $fleet = Start-SshFleet -Folder $folder -Count 2 -Keys $keys -ModuleFolder (Split-Path $env:CACHAIN_MODULE) -ReadOnlyStore 1
        $sessions = $fleet | New-TestSession -Keys $keys
        # What is about to be stopped: both listeners, a session on each, the store mounted.
        $before = @(Get-LiveFleetProcess $folder)
        @($before | Where-Object Command -like '*sshd -D -e -f*' | ForEach-Object { $_.Command -replace '^.*/(t\d\d)/sshd_config.*$', '$1' } | Sort-Object) |
            Should -BeExactly @('t00', 't01')
        @($before | Where-Object Home | ForEach-Object Home | Sort-Object -Unique) | Should -BeExactly @($fleet.Home)
        @(Get-MountedUnder $folder).Count | Should -Be 1
        $tree = $fleet | ForEach-Object { Get-ProcessTreeId $_.Process.Id }

        $fleet | Stop-SshFleet
        Get-LiveFleetProcess $folder | Should -BeNullOrEmpty
        # The connections' sshd (titled "sshd: root@notty") name neither; they are in the tree taken before.
        $tree | Where-Object { (Get-Content -Raw "/proc/$_/stat" -ErrorAction Ignore) -match '^\d+ \(.*\) [^Z]' } | Should -BeNullOrEmpty
        Get-MountedUnder $folder | Should -BeNullOrEmpty
        $fleet.Process.HasExited | Should -Be @($true, $true)
        { $fleet | Stop-SshFleet } | Should -Not -Throw
        $sessions | Remove-PSSession
    }
}

Describe 'Get-PeakConcurrency' {
    BeforeAll {
        $origin = [DateTime]::new(2026, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        function Interval([double] $From, [double] $To) { [pscustomobject]@{ Start = $origin.AddSeconds($From); Finish = $origin.AddSeconds($To) } }
    }

    It 'counts intervals that only touch as one at a time' {
        Get-PeakConcurrency -Interval (Interval 0 1), (Interval 1 2), (Interval 2 3) | Should -Be 1
    }
    It 'counts the most overlapping at one instant' {
        Get-PeakConcurrency -Interval (Interval 0 4), (Interval 1 5), (Interval 2 6), (Interval 6 7), (Interval 4.5 5.5) | Should -Be 3
    }
    It 'counts an interval of no length at its instant' {
        Get-PeakConcurrency -Interval (Interval 0 2), (Interval 1 1) | Should -Be 2
        Get-PeakConcurrency -Interval (Interval 0 1), (Interval 1 1) | Should -Be 1
    }
    It 'takes intervals from the pipeline, none as zero' {
        (Interval 0 3), (Interval 1 2), (Interval 5 6) | Get-PeakConcurrency | Should -Be 2
        Get-PeakConcurrency -Interval @() | Should -Be 0
    }
    It 'reads other property names' {
        $runs = foreach ($from in 0, 1, 2) { [pscustomobject]@{ Began = $origin.AddSeconds($from); Ended = $origin.AddSeconds(10) } }
        Get-PeakConcurrency -Interval $runs -StartProperty Began -FinishProperty Ended | Should -Be 3
    }
    It 'refuses an interval that finishes before it starts' {
        { Get-PeakConcurrency -Interval (Interval 2 1) } | Should -Throw 'an interval finishes (*) before it starts (*)'
    }
}

Describe 'Get-SshOption' {
    It 'neither checks nor remembers the host key, and keeps ssh quiet' {
        $options = Get-SshOption
        ($options.Keys | Sort-Object | ForEach-Object { "$_=$($options[$_])" }) -join ';' |
            Should -BeExactly 'LogLevel=ERROR;StrictHostKeyChecking=no;UserKnownHostsFile=/dev/null'
    }
}
