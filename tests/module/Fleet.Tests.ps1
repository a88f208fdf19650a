# A fleet of 24 machines in one pipeline: each target is its own sshd on
# 127.0.0.1 with its own HOME, temp folder and module path, so each session
# is a separate machine with its own ~/trust store. t00-t11 have the module
# installed, t12-t20 get it with -CopyModule; t21 refuses the key, t22 is a
# closed port, t23's store is a read-only file system. t20 starts its
# PowerShell 8 s late, so results that stream show it.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $keys = New-SshKeys "$TestDrive/keys"
    $fleet = Start-SshFleet -Folder "$TestDrive/fleet" -Count 24 -Keys $keys -ModuleFolder (Split-Path $env:CACHAIN_MODULE) `
        -WithModule (0..11) -RefuseAuth 21 -ClosedPort 22 -ReadOnlyStore 23 -SlowStart @{ 20 = 8 }
    $good = @($fleet | Where-Object Kind -eq 'Good')
    $tls = Start-TlsServer -Pki $pki -WithIntermediates
    $chain = Get-CaChain "$pki/chain.p7b" | Where-Object Role -ne Leaf
    # ssh's own messages left to the cmdlet, which keeps them quiet and reports each failure itself.
    $sshOption = Get-SshOption
    $sshOption.Remove('LogLevel')
    $remote = @{ UserName = [Environment]::UserName; KeyFilePath = $keys.ClientKey; SshOption = $sshOption }
    $reachable = @($fleet | Where-Object Kind -in 'Good', 'ReadOnlyStore')
    $rootEntry = Get-StoreEntryName "$pki/root.cer"
    $certificate = { param($name) [System.Security.Cryptography.X509Certificates.X509Certificate2]::new("$pki/$name.cer") }
    $expectedErrors = @(
        "$($fleet[21].SshHost) AuthenticationFailed"
        "$($fleet[22].SshHost) Unreachable"
        "$($fleet[23].SshHost) AccessDenied"
    ) | Sort-Object
    # "<target> <kind>" per error, sorted: the kind is what follows "<cmdlet>." in the error id.
    function Get-ErrorLine($records) {
        $records | ForEach-Object { "$($_.TargetObject) $(($_.FullyQualifiedErrorId -split ',')[0] -replace '^[^.]+\.', '')" } | Sort-Object
    }
    function Get-LeftoverCopy { $fleet | ForEach-Object { Get-ChildItem $_.Tmp -Filter 'CaChain-*' } }
}
AfterAll {
    Get-PSSession | Remove-PSSession
    $tls | Stop-TestServer
    $fleet | Stop-SshFleet
}

Describe 'A fleet of 24 machines' {
    It 'places the chain on every machine it reaches, streams results as each finishes, and names each machine it cannot' {
        $arrivals = [System.Collections.Generic.List[object]]::new()
        $script:placed = $chain | Import-CaChain -SshHost $fleet.SshHost @remote -CopyModule -StorePath '~/trust' -ThrottleLimit 8 `
            -ErrorVariable problems -ErrorAction SilentlyContinue |
            ForEach-Object { $arrivals.Add([pscustomobject]@{ At = [DateTime]::UtcNow; Target = $_.CaChainTarget }); $_ }

        $placed.Count | Should -Be 84
        @($placed.CaChainTarget | Sort-Object -Unique) | Should -Be @($good.SshHost | Sort-Object)
        @($placed.Action | Sort-Object -Unique) | Should -Be 'Added'
        foreach ($target in $good) {
            Get-StoreFolderContent "$($target.Home)/trust/Root" | Should -Be $rootEntry -Because $target.Name
            @(Get-ChildItem "$($target.Home)/trust/CA").Count | Should -Be 3 -Because $target.Name
        }
        Get-ErrorLine $problems | Should -Be $expectedErrors
        @(Get-ChildItem "$($fleet[23].Home)/trust" -Recurse -Force).Count | Should -Be 0
        Get-LeftoverCopy | Should -BeNullOrEmpty
        # Every session the cmdlet opened is closed: each machine's sshd has no connection left.
        $deadline = [DateTime]::UtcNow.AddSeconds(15)
        while (($open = @($fleet | Where-Object Process | Where-Object { @(Get-ProcessTreeId $_.Process.Id).Count -gt 1 })) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
        $open.Name | Should -BeNullOrEmpty

        # The late machine's results came seconds after the first ones, not all at the end together.
        $first = ($arrivals | Measure-Object -Property At -Minimum).Minimum
        $late = ($arrivals | Where-Object Target -eq $fleet[20].SshHost | Measure-Object -Property At -Minimum).Minimum
        ($late - $first).TotalSeconds | Should -BeGreaterThan 5
    }

    It 'tells exactly which machines do not trust the server and why, at most 4 at once, as a CSV for the ticket' {
        # Sessions the caller opens once, to every machine that can be reached, for the report and the undo.
        $script:sessions = New-PSSession -HostName $reachable.SshHost -UserName $remote.UserName -KeyFilePath $keys.ClientKey -Options (Get-SshOption)
        $sessions.Count | Should -Be 22
        # Two machines broken by hand: t05 lost its root, t06 holds the issuing CA among its roots.
        $t05Root = Get-ChildItem "$($fleet[5].Home)/trust/Root" | Select-Object -First 1
        Move-Item $t05Root.FullName "$TestDrive/t05-root"
        $issuingEntry = "$($fleet[6].Home)/trust/Root/$(openssl x509 -in "$pki/issuing.cer" -noout -subject_hash).0"
        Copy-Item "$pki/issuing.cer" $issuingEntry
        try {
            $reports = Test-CaChain -Session $sessions -CopyModule -ComputerName 127.0.0.1 -Port $tls.Port -DnsName pool1.schertz.lab `
                -StorePath '~/trust' -Offline -Summary -ThrottleLimit 4 -CheckRevocation
        } finally {
            Move-Item "$TestDrive/t05-root" $t05Root.FullName
            Remove-Item $issuingEntry
        }

        $lines = $reports | Sort-Object Target | ForEach-Object { "$($_.Target) $($_.Status) $($_.ModuleSource) $($_.Trusted)" }
        $lines | Should -Be @($reachable | Sort-Object SshHost | ForEach-Object {
            $trusted = $_.Index -notin 5, 6, 23
            "$($_.SshHost) Succeeded $(if ($_.HasModule) { 'Installed' } else { 'Copied' }) $trusted"
        })
        # The lab CA publishes no CRL and no OCSP responder: no machine can check revocation.
        @($reports | ForEach-Object { "$($_.RevocationStatus) $($_.RevocationReachable)" } | Select-Object -Unique) |
            Should -Be @('NotPublished False')
        $root = & $certificate root
        $t05 = $reports | Where-Object Target -eq $fleet[5].SshHost
        "$($t05.Cause) | $($t05.Missing)" | Should -Be "RootNotTrusted | Root: $($root.Subject) ($($root.Thumbprint))"
        $issuing = & $certificate issuing
        ($reports | Where-Object Target -eq $fleet[6].SshHost).WrongStore |
            Should -Be "Root holds the intermediate CA $($issuing.Subject) ($($issuing.Thumbprint)): it belongs in CA"
        $t23 = $reports | Where-Object Target -eq $fleet[23].SshHost
        # t23 holds nothing: the root is unknown there, and of the path only what the server sent is known to be missing.
        $policy = & $certificate policy
        "$($t23.Cause) | $($t23.Missing)" |
            Should -Be "IssuerMissing | CA: $($policy.Subject) ($($policy.Thumbprint)); CA: $($issuing.Subject) ($($issuing.Thumbprint))"

        # The machines' own clocks around their Test-CaChain calls, and this machine's around each whole machine.
        foreach ($clock in @('RemoteStarted', 'RemoteFinished'), @('Started', 'Finished')) {
            $peak = Get-PeakConcurrency $reports -StartProperty $clock[0] -FinishProperty $clock[1]
            $peak | Should -BeLessOrEqual 4 -Because "$clock"
            $peak | Should -BeGreaterOrEqual 2 -Because "$clock"
        }

        $reports | Export-Csv "$TestDrive/fleet.csv"
        $rows = Import-Csv "$TestDrive/fleet.csv"
        $rows.Count | Should -Be 22
        foreach ($column in 'Target', 'Status', 'Trusted', 'Cause', 'Missing', 'WrongStore', 'ErrorId') { $rows[0].PSObject.Properties.Name | Should -Contain $column }
        ($rows | Where-Object Target -eq $fleet[5].SshHost).Missing | Should -Be "Root: $($root.Subject) ($($root.Thumbprint))"
    }

    It 'undoes everything over sessions to the same machines, which stay open, and refuses to undo it here' {
        $placed | Remove-CaChain -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 84
        @($refused.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be 'Remove-CaChain.RemoteTarget,CaChain.Commands.RemoveCaChainCommand'
        Get-StoreFolderContent "$($good[0].Home)/trust/Root" | Should -Be $rootEntry

        # A copied module runs in a child PowerShell in the caller's sessions, which stay open.
        $removed = $placed | Remove-CaChain -Session $sessions -CopyModule -ThrottleLimit 8 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $removed.Count | Should -Be 84
        @($removed.Action | Sort-Object -Unique) | Should -Be 'Removed'
        @($removed.CaChainTarget | Sort-Object -Unique) | Should -Be @($good.SshHost | Sort-Object)
        foreach ($target in $good) {
            @(Get-ChildItem "$($target.Home)/trust/Root", "$($target.Home)/trust/CA" -File).Count | Should -Be 0 -Because $target.Name
        }
        Get-LeftoverCopy | Should -BeNullOrEmpty
        @($sessions.State | Sort-Object -Unique) | Should -Be 'Opened'
    }
}
