# All certificates given in one call are issuer candidates for each other, and
# each one that issued none of the others is a target (one chain per target).
BeforeAll {
    Import-Module $env:CACHAIN_MODULE -Force
    Import-Module $env:CACHAIN_TEST_SUPPORT -Force
    $pki = New-TestPki "$TestDrive/pki"
    $lab = 'SchertzLabRootCA', 'SchertzLabPolicyCA', 'SchertzLabIssuingCA'
    $separate = "$pki/pool1.cer", "$pki/issuing.cer", "$pki/policy.cer", "$pki/root.cer"
}

Describe 'Certificates given in one call' {
    It 'makes one chain of the leaf and its CAs given as separate paths' {
        $chain = Get-CaChain -Path $separate -Offline -SkipLocalStores -WarningVariable warnings
        $chain.Name | Should -Be ($lab + 'pool1.schertz.lab')
        $chain.ChainStatus | Select-Object -Unique | Should -Be 'Complete'
        $warnings.Count | Should -Be 0
    }

    It 'makes one chain of the files Get-ChildItem pipes' {
        Copy-Item $separate -Destination (New-Item "$TestDrive/piped" -ItemType Directory)
        $chain = Get-ChildItem "$TestDrive/piped/*.cer" | Get-CaChain -Offline -SkipLocalStores -WarningVariable warnings
        $chain.Name | Should -Be ($lab + 'pool1.schertz.lab')
        $warnings.Count | Should -Be 0
    }

    It 'makes one chain of the X509Certificate2 objects it is piped' {
        $chain = $separate | ForEach-Object { [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($_) } |
            Get-CaChain -Offline -SkipLocalStores -WarningVariable warnings
        $chain.Name | Should -Be ($lab + 'pool1.schertz.lab')
        $warnings.Count | Should -Be 0
    }

    It 'exports each CA file once for the leaf of separate paths' {
        $files = Export-CaChain -Path $separate -Destination "$TestDrive/export" -Offline -SkipLocalStores -WarningVariable warnings
        ($files | ForEach-Object { "$($_.Target) $(Split-Path $_.Path -Leaf) $($_.Action)" }) | Should -Be @(
            'pool1.schertz.lab SchertzLabRootCA.cer Written'
            'pool1.schertz.lab SchertzLabPolicyCA.cer Written'
            'pool1.schertz.lab SchertzLabIssuingCA.cer Written')
        (Get-ChildItem "$TestDrive/export").Name | Sort-Object | Should -Be @('SchertzLabIssuingCA.cer', 'SchertzLabPolicyCA.cer', 'SchertzLabRootCA.cer')
        $warnings.Count | Should -Be 0
    }

    It 'gives two leaves of the same CAs two chains' {
        $chain = Get-CaChain -Path ($separate + "$pki/second-leaf/pool2.cer") -Offline -SkipLocalStores -WarningVariable warnings
        $chain.Name | Should -Be ($lab + 'pool1.schertz.lab' + $lab + 'pool2.schertz.lab')
        $chain.Target | Select-Object -Unique | Should -Be 'pool1.schertz.lab', 'pool2.schertz.lab'
        $warnings.Count | Should -Be 0
    }

    It 'exports the CA files of two leaves of the same CAs once' {
        $files = Export-CaChain -Path ($separate + "$pki/second-leaf/pool2.cer") -Destination "$TestDrive/two" -Offline -SkipLocalStores
        ($files | ForEach-Object { "$($_.Target) $(Split-Path $_.Path -Leaf) $($_.Action)" }) | Should -Be @(
            'pool1.schertz.lab SchertzLabRootCA.cer Written'
            'pool1.schertz.lab SchertzLabPolicyCA.cer Written'
            'pool1.schertz.lab SchertzLabIssuingCA.cer Written')
    }

    It 'names a bad file among them once and still gives the good chain' {
        Set-Content "$TestDrive/junk.cer" 'this is not a certificate'
        $chain = Get-CaChain -Path ($separate + "$TestDrive/junk.cer") -Offline -SkipLocalStores -ErrorVariable problems -ErrorAction SilentlyContinue
        $chain.Name | Should -Be ($lab + 'pool1.schertz.lab')
        $problems.Count | Should -Be 1
        $problems[0].TargetObject | Should -Be "$TestDrive/junk.cer"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Get-CaChain.UnsupportedFormat,CaChain.Commands.GetCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/junk.cer: the text is not valid base64"
    }

    It 'names a bad file among piped ones for Export-CaChain and still exports the good chain' {
        Set-Content "$TestDrive/junk2.cer" 'this is not a certificate'
        $files = Get-Item ($separate + "$TestDrive/junk2.cer") | Export-CaChain -Destination "$TestDrive/with-junk" -Offline -SkipLocalStores -ErrorVariable problems -ErrorAction SilentlyContinue
        ($files | ForEach-Object { "$($_.Target) $(Split-Path $_.Path -Leaf)" }) | Should -Be @(
            'pool1.schertz.lab SchertzLabRootCA.cer', 'pool1.schertz.lab SchertzLabPolicyCA.cer', 'pool1.schertz.lab SchertzLabIssuingCA.cer')
        $problems.Count | Should -Be 1
        $problems[0].TargetObject | Should -Be "$TestDrive/junk2.cer"
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'Export-CaChain.UnsupportedFormat,CaChain.Commands.ExportCaChainCommand'
        $problems[0].Exception.Message | Should -BeExactly "$TestDrive/junk2.cer: the text is not valid base64"
    }
}
