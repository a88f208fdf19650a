# PowerShell remoting over SSH to an sshd this test starts on 127.0.0.1 with a
# pwsh subsystem: one target with the module on its PSModulePath, one without.
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $ssh = New-Item -ItemType Directory "$TestDrive/ssh"
    ssh-keygen -q -t ed25519 -N '' -f "$ssh/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$ssh/client_key"
    Copy-Item "$ssh/client_key.pub" "$ssh/authorized_keys"
    New-Item -ItemType Directory -Force /run/sshd -ErrorAction SilentlyContinue | Out-Null

    function Start-Sshd([string] $Name, [string] $ModulePath) {
        $port = Get-FreePort
        $config = "$ssh/$Name.conf"
        @(
            "Port $port", 'ListenAddress 127.0.0.1', "HostKey $ssh/host_key", "AuthorizedKeysFile $ssh/authorized_keys",
            'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', 'PermitRootLogin prohibit-password',
            'StrictModes no', 'UsePAM no', "PidFile $ssh/$Name.pid",
            "Subsystem powershell /usr/bin/env PSModulePath=$ModulePath $env:PWSH -sshs -NoLogo -NoProfile"
        ) | Set-Content $config
        [pscustomobject]@{ Port = $port; Process = Start-TestProcess /usr/sbin/sshd @('-D', '-e', '-f', $config) $port }
    }
    function New-TestSession([int] $Port) {
        New-PSSession -HostName 127.0.0.1 -Port $Port -UserName ([Environment]::UserName) -KeyFilePath "$ssh/client_key" `
            -Options @{ StrictHostKeyChecking = 'no'; UserKnownHostsFile = '/dev/null'; LogLevel = 'ERROR' }
    }

    $withModule = Start-Sshd 'with-module' (Split-Path $env:CACHAIN_MODULE)
    $withoutModule = Start-Sshd 'without-module' (New-Item -ItemType Directory "$TestDrive/no-modules")
    $session = New-TestSession $withModule.Port
    $bareSession = New-TestSession $withoutModule.Port
}
AfterAll {
    $session, $bareSession | Where-Object { $_ } | Remove-PSSession
    $withModule, $withoutModule | Stop-TestServer
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
}
