# PowerShell remoting over SSH to two sshd targets this test starts on
# 127.0.0.1 with a pwsh subsystem: one with the module on its PSModulePath,
# one without.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $keys = New-SshKeys "$TestDrive/ssh"
    # t00 has the module on its PSModulePath, t01 does not.
    $withModule, $withoutModule = Start-SshFleet -Folder "$TestDrive/fleet" -Count 2 -Keys $keys -ModuleFolder (Split-Path $env:CACHAIN_MODULE) -WithModule 0
    $session = $withModule | New-TestSession -Keys $keys
    $bareSession = $withoutModule | New-TestSession -Keys $keys
}
AfterAll {
    $session, $bareSession | Where-Object { $_ } | Remove-PSSession
    $withModule, $withoutModule | Stop-SshFleet
}

Describe 'Import-CaChain -Session' {
    It 'places a chain on the target from bytes, with results tagged by PSComputerName' {
        $store = "$TestDrive/remote-store"
        $placed = Get-CaChain -Path "$pki/chain.p7b" | Where-Object Role -ne Leaf | Import-CaChain -Session $session -StorePath $store
        $placed.Count | Should -Be 4
        $placed.Action | Select-Object -Unique | Should -Be 'Added'
        $placed.PSComputerName | Select-Object -Unique | Should -Be '127.0.0.1'
        $placed.CaChainTarget | Select-Object -Unique | Should -Be "127.0.0.1:$($withModule.Port)"
        (Get-ChildItem "$store/CA").Count | Should -Be 3
    }

    It 'returns results that undo the placement with Remove-CaChain over the same session, and only there' {
        $store = "$TestDrive/undo-store"
        $placed = Get-ChildItem "$pki/root.cer" | Import-CaChain -Session $session -StorePath $store
        "$($placed.Action) $($placed.Store)" | Should -Be 'Added Root'
        Get-StoreFolderContent "$store/Root" | Should -Be (Get-StoreEntryName "$pki/root.cer")
        # Without the session, the result is refused here: it was placed on another machine.
        $placed | Remove-CaChain -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.FullyQualifiedErrorId | Should -BeExactly 'Remove-CaChain.RemoteTarget,CaChain.Commands.RemoveCaChainCommand'
        $refused.TargetObject | Should -BeExactly "127.0.0.1:$($withModule.Port)"
        Get-StoreFolderContent "$store/Root" | Should -Be (Get-StoreEntryName "$pki/root.cer")
        $removed = $placed | Remove-CaChain -Session $session
        "$($removed.Action) $($removed.CaChainTarget)" | Should -Be "Removed 127.0.0.1:$($withModule.Port)"
        @(Get-ChildItem $store -Recurse -File).Count | Should -Be 0
    }

    It 'undoes a bundle placed over the session in that bundle, not in a directory store of the same name' {
        $bundle = "$TestDrive/remote-bundle.pem"
        $placed = Get-ChildItem "$pki/root.cer" | Import-CaChain -Session $session -StoreLocation Bundle -StorePath $bundle -WarningAction SilentlyContinue
        "$($placed.Action) $($placed.Store) $($placed.StoreLocation)" | Should -Be 'Added Root Bundle'
        Test-Path $bundle -PathType Leaf | Should -BeTrue
        $removed = $placed | Remove-CaChain -Session $session
        "$($removed.Action) $($removed.CaChainTarget)" | Should -Be "Removed 127.0.0.1:$($withModule.Port)"
        Test-Path $bundle | Should -BeFalse -Because 'the emptied bundle is deleted'
    }

    It 'changes nothing on the target with -WhatIf' {
        Get-ChildItem "$pki/root.cer" | Import-CaChain -Session $session -StorePath "$TestDrive/whatif-store" -WhatIf | Should -BeNullOrEmpty
        Test-Path "$TestDrive/whatif-store" | Should -BeFalse
    }

    It 'says clearly when the target does not have the module' {
        $placed = Get-ChildItem "$pki/root.cer" | Import-CaChain -Session $bareSession -StorePath "$TestDrive/bare" -ErrorVariable problems -ErrorAction SilentlyContinue
        $placed | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Import-CaChain.NotInstalled,CaChain.Commands.ImportCaChainCommand'
        $problems[0].TargetObject | Should -BeExactly "127.0.0.1:$($withoutModule.Port)"
        $problems[0].Exception.Message | Should -BeExactly ("The CaChain module is not installed on 127.0.0.1:$($withoutModule.Port) ($([Environment]::MachineName)): " +
            'add -CopyModule to bring this one for the call, or copy the CaChain module folder into one of its PSModulePath folders.')
        Test-Path "$TestDrive/bare" | Should -BeFalse
    }

    It 'refuses target parameters that mean two things, before any work' {
        $cases = @(
            @{ Session = $session; SshHost = '127.0.0.1:1' }
            @{ UserName = 'root' }
            @{ TargetComputer = 'edge1'; KeyFilePath = '/nonexistent' }
            @{ SshHost = '127.0.0.1:1'; Credential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force)) }
            @{ ThrottleLimit = 4 }
        )
        $messages = foreach ($case in $cases) {
            try { Get-ChildItem "$pki/root.cer" | Import-CaChain @case -StorePath "$TestDrive/conflict" -ErrorAction Stop; 'no error' }
            catch { "$($_.FullyQualifiedErrorId) | $($_.Exception.Message)" }
        }
        $id = 'Import-CaChain.RemoteTargetConflict,CaChain.Commands.ImportCaChainCommand'
        $messages | Should -Be @(
            "$id | -Session and -SshHost both name the machines to run on: give one of them."
            "$id | -UserName is for SSH targets: it goes with -SshHost."
            "$id | -KeyFilePath is for SSH targets: it goes with -SshHost."
            "$id | -Credential is for WinRM targets: it goes with -TargetComputer (a -Session carries its own)."
            "$id | -ThrottleLimit is for calls on other machines: it goes with -SshHost, -TargetComputer or -Session."
        )
        Test-Path "$TestDrive/conflict" | Should -BeFalse
    }

    It 'sends a target only what was placed there: a result of a local import is refused, not removed everywhere' {
        $store = "$TestDrive/local-import"
        $local = Get-ChildItem "$pki/root.cer" | Import-CaChain -StorePath $store
        $local | Remove-CaChain -Session $session -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        "$($refused.FullyQualifiedErrorId) $($refused.TargetObject)" |
            Should -BeExactly "Remove-CaChain.OtherComputer,CaChain.Commands.RemoveCaChainCommand $([Environment]::MachineName)"
        Get-StoreFolderContent "$store/Root" | Should -Be (Get-StoreEntryName "$pki/root.cer")
    }

    It 'never hands ssh a name it would read as an option' {
        $marker = "$TestDrive/injected"
        Get-ChildItem "$pki/root.cer" | Import-CaChain -SshHost "-oProxyCommand=touch $marker", "root@-oProxyCommand=touch $marker" `
            -StorePath "$TestDrive/never" -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        @($refused.FullyQualifiedErrorId | Sort-Object -Unique) | Should -Be 'Import-CaChain.BadTargetName,CaChain.Commands.ImportCaChainCommand'
        $refused.Count | Should -Be 2
        Test-Path $marker | Should -BeFalse
    }

    It 'names an IPv6 server to the target with its -Port, and counts -Quiet answers in -Summary' {
        $v6 = Start-TlsServer -Pki $pki -WithIntermediates -IPv6
        try {
            $store = "$TestDrive/quiet-store"
            Get-ChildItem "$pki/root.cer" | Import-CaChain -StorePath $store | Out-Null
            $result = Test-CaChain -Session $session -ComputerName '::1' -Port $v6.Port -DnsName pool1.schertz.lab -StorePath $store -Offline
            "$($result.Endpoint) $($result.Trusted)" | Should -Be "[::1]:$($v6.Port) True"
            $report = Test-CaChain -Session $session -ComputerName '::1' -Port $v6.Port -DnsName pool1.schertz.lab -StorePath $store -Offline -Quiet -Summary
            "$($report.Status) $($report.Trusted)" | Should -Be 'Succeeded True'
        } finally {
            $v6 | Stop-TestServer
        }
    }
}
