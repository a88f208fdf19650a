# The scripts in examples/ run as an administrator would run them, against
# the lab PKI on 127.0.0.1 and stores in temporary folders.
BeforeAll {
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $env:PSModulePath = (Split-Path $env:CACHAIN_MODULE) + [IO.Path]::PathSeparator + $env:PSModulePath
    $examples = Join-Path $PSScriptRoot '../../examples'
    $pki = New-TestPki "$TestDrive/pki"
    $server = Start-TlsServer -Pki $pki -WithIntermediates
}
AfterAll { $server | Stop-TestServer }

Describe 'examples/<_>' -ForEach (Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.ps1).Name {
    BeforeAll {
        # Each script's own synopsis (Get-Help falls back to the script's name when its help block does not parse).
        $synopsis = @{
            'Export-EndpointChain.ps1' = 'Exports the CA chain straight from a TLS endpoint, from any machine that can reach it.'
            'Export-ServerChain.ps1' = 'Exports the CA chain of a server''s own certificate, on the server itself.'
            'Import-OnWorkgroupMachine.ps1' = 'Imports carried-over CA certificates on a machine outside the domain.'
            'Join-LinuxHost.ps1' = 'Makes a Linux host trust the same internal CA chain.'
            'Push-ToManyServers.ps1' = 'Places a CA chain on many servers at once through PowerShell remoting.'
            'Test-AndFix.ps1' = 'Checks whether this machine trusts a server, explains why not, and fixes it.'
            'Undo-Import.ps1' = 'Undoes an import: removes exactly what it added, by thumbprint.'
        }
    }

    It 'parses, and has help with a synopsis and an example' {
        $errors = $null
        [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $examples $_), [ref] $null, [ref] $errors) | Out-Null
        $errors | Should -BeNullOrEmpty
        $help = Get-Help (Join-Path $examples $_)
        $help.Synopsis | Should -BeExactly $synopsis[$_]
        @($help.examples.example).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'The examples, run in the seed''s order' {
    It 'exports the chain from the endpoint' {
        $files = & "$examples/Export-EndpointChain.ps1" -ComputerName 127.0.0.1 -Port $server.Port -Destination "$TestDrive/certs" -IssuerPath "$pki/root.cer" -Offline
        $files.Count | Should -Be 3
    }

    It 'exports the chain of the server''s own certificate from a file' {
        $files = & "$examples/Export-ServerChain.ps1" -CertificatePath "$pki/pool1.cer" -IssuerPath "$pki/intermediates.pem", "$pki/root.cer" -Destination "$TestDrive/from-file" |
            Where-Object { $_ -is [CaChain.CaChainFile] }
        $files.Count | Should -Be 3
    }

    It 'finds the machine untrusted, then fixes it' {
        New-Item -ItemType Directory "$TestDrive/fixed" | Out-Null  # an empty store: Test-CaChain refuses one that does not exist
        $results = & "$examples/Test-AndFix.ps1" -ComputerName 127.0.0.1 -Port $server.Port -DnsName pool1.schertz.lab -StorePath "$TestDrive/fixed" -CertificatePath "$TestDrive/certs" -Fix
        ($results | Where-Object { $_ -is [CaChain.CaChainTestResult] }).Trusted | Should -Be @($false, $true)
        ($results | Where-Object { $_ -is [CaChain.CaChainErrorInfo] }).Name | Should -Be 'SEC_E_UNTRUSTED_ROOT'
    }

    It 'imports on a workgroup machine and undoes it exactly' {
        $store = "$TestDrive/workgroup"
        & "$examples/Import-OnWorkgroupMachine.ps1" -Path "$TestDrive/certs" -StorePath $store -ResultsPath "$TestDrive/placed.clixml" -Confirm:$false 6>$null | Out-Null
        $root, $policy, $issuing = 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA' | ForEach-Object { Get-StoreEntryName "$TestDrive/certs/$_.cer" }
        Get-StoreFolderContent "$store/Root" | Should -Be $root
        Get-StoreFolderContent "$store/CA" | Should -Be ($root, $policy, $issuing | Sort-Object)
        & "$examples/Undo-Import.ps1" -ResultsPath "$TestDrive/placed.clixml" | Out-Null
        @(Get-ChildItem $store -Recurse -File).Count | Should -Be 0
    }

    It 'makes a Linux host trust the chain' -Skip:(-not $IsLinux) {
        $system = New-TestSystemRoot "$TestDrive/linux-host"
        $before = & "$examples/Join-LinuxHost.ps1" -ComputerName 127.0.0.1 -Port $server.Port -SystemRoot $system |
            Where-Object { $_ -is [CaChain.CaChainTestResult] }
        $before.Trusted | Should -Be $false  # one result, untrusted (an empty pipe or two results fail)
        & "$examples/Join-LinuxHost.ps1" -Path "$TestDrive/certs" -SystemRoot $system | Out-Null
        (Test-OpenSslClient -Port $server.Port -CAFile "$system/etc/ssl/certs/ca-certificates.crt").Connected | Should -BeTrue
    }
}
